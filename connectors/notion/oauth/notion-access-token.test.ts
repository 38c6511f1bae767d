import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { notionClientForConnection } from "#connectors/notion/client/notion-client-for-connection.ts";
import { reconnectNotionHint, toNotionError } from "#connectors/notion/client/notion-error.ts";
import { syncSource } from "#connectors/sources/sync-source.ts";
import { createSecretBox } from "#shared/crypto/secret-box.ts";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import { getSourceConnection, saveOAuthConnection } from "#shared/db/source-connection-repository.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import { notionConnectors } from "#test/helpers/notion-connectors.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { testDatabaseBackends, useOpenTestDatabase } from "#test/helpers/test-database-backends.ts";
import {
  goodNotionOAuthCode,
  type NotionStandIn,
  startNotionStandIn,
} from "#test/stand-ins/notion-server.ts";
import { type NotionAccessTokenOptions, notionAccessTokenFor } from "./notion-access-token.ts";
import { oauthNotionConnectionId, oauthNotionSource } from "./notion-connection-ids.ts";
import {
  type NotionCredentials,
  openNotionCredentials,
  sealNotionCredentials,
} from "./notion-credentials.ts";
import { requestNotionToken } from "./request-notion-token.ts";

const client = { clientId: "standin-client", clientSecret: "standin-secret" };
const encryptionKey = randomBytes(32).toString("base64");
const box = createSecretBox(encryptionKey);

describe.each(testDatabaseBackends)("Notion OAuth tokens ($kind)", (backend) => {
  const database = useOpenTestDatabase(backend);
  let notion: NotionStandIn;
  let workspaceCounter = 0;

  beforeEach(async () => {
    notion = await startNotionStandIn({ oauthClient: client });
  });
  afterEach(async () => {
    await notion.close();
  });

  function resolverWith(overrides: Partial<NotionAccessTokenOptions> = {}) {
    const resolver = notionAccessTokenFor({
      apiUrl: notion.url,
      ...client,
      encryptionKey,
      database: database(),
      logger: silentLogger(),
      ...overrides,
    });
    if (!resolver) throw new Error("no resolver despite ENCRYPTION_KEY");
    return resolver;
  }

  /** A connection made as the callback makes it, with its stored credentials changed by `edit`. */
  async function connect(
    edit: (credentials: NotionCredentials) => NotionCredentials = (credentials) => credentials,
  ): Promise<{ row: SourceConnectionRow; issued: NotionCredentials }> {
    const result = await requestNotionToken(
      { apiUrl: notion.url, ...client },
      { grant_type: "authorization_code", code: goodNotionOAuthCode, redirect_uri: "http://localhost/cb" },
    );
    if (!result.ok) throw new Error(`exchange failed: ${result.failure.error}`);
    workspaceCounter += 1;
    const workspaceId = `w${workspaceCounter}`;
    const id = oauthNotionConnectionId(notion.workspaceId, workspaceId);
    const issued: NotionCredentials = {
      accessToken: result.tokens.accessToken,
      refreshToken: result.tokens.refreshToken,
      botId: result.tokens.botId ?? null,
      expiresAt: null,
    };
    const row = await saveOAuthConnection(database().db, {
      id,
      workspaceId,
      kind: "notion",
      source: oauthNotionSource(notion.workspaceId),
      label: "Sabio Test",
      externalAccountId: notion.workspaceId,
      connectedBy: "cli",
      credentials: sealNotionCredentials(box, id, edit(issued)),
    });
    return { row, issued };
  }

  async function stored(id: string): Promise<{ sealed: string; credentials: NotionCredentials }> {
    const row = await getSourceConnection(database().db, id);
    if (!row?.credentials) throw new Error("no credentials stored");
    return { sealed: row.credentials, credentials: openNotionCredentials(box, id, row.credentials) };
  }

  const tokenCalls = () => notion.requests.filter((request) => request.path === "/v1/oauth/token");
  const refreshCalls = () =>
    tokenCalls().filter(
      (request) => (request.body as { grant_type?: string }).grant_type === "refresh_token",
    );

  async function worksAtNotion(token: string): Promise<boolean> {
    const response = await fetch(`${notion.url}/v1/users/me`, {
      headers: { authorization: `Bearer ${token}`, "notion-version": "2025-09-03" },
    });
    return response.ok;
  }

  it("uses the stored token while it is fresh, without asking Notion", async () => {
    const { row, issued } = await connect();

    expect(await resolverWith()(row)).toBe(issued.accessToken);
    expect(refreshCalls()).toHaveLength(0);
  });

  it("refreshes a token about to expire and stores both rotated tokens, sealed, in one value", async () => {
    const { row, issued } = await connect((credentials) => ({
      ...credentials,
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    }));

    const token = await resolverWith()(row);

    const { sealed, credentials } = await stored(row.id);
    expect(token).not.toBe(issued.accessToken);
    expect(credentials.accessToken).toBe(token);
    expect(credentials.refreshToken).not.toBe(issued.refreshToken);
    expect(credentials.botId).toBe(issued.botId);
    for (const secret of [
      credentials.accessToken,
      credentials.refreshToken ?? "",
      issued.refreshToken ?? "",
    ]) {
      expect(sealed).not.toContain(secret);
    }
    expect(await worksAtNotion(token)).toBe(true);
    expect(await worksAtNotion(issued.accessToken)).toBe(false);

    // The next refresh sends the new refresh token; the old one is spent.
    const again = await resolverWith()(row, token);
    expect(refreshCalls().at(-1)?.body).toMatchObject({ refresh_token: credentials.refreshToken });
    expect(again).not.toBe(token);
    const replay = await requestNotionToken(
      { apiUrl: notion.url, ...client },
      { grant_type: "refresh_token", refresh_token: issued.refreshToken ?? "" },
    );
    expect(replay).toMatchObject({ ok: false, failure: { status: 400, error: "invalid_grant" } });
  });

  it("retries a request once with a refreshed token after a 401, for every request refused together", async () => {
    const { row } = await connect((credentials) => ({ ...credentials, accessToken: "ntn_no_longer_valid" }));
    const notionClient = await notionClientForConnection(row, {
      apiUrl: notion.url,
      accessTokenFor: resolverWith(),
    });

    const answers = await Promise.all(Array.from({ length: 5 }, () => notionClient.users.me({})));

    expect(answers.map((answer) => answer.type)).toEqual(["bot", "bot", "bot", "bot", "bot"]);
    expect(refreshCalls()).toHaveLength(1);
    const me = notion.requests.filter((request) => request.path === "/v1/users/me");
    expect(me.map((request) => request.status).sort()).toEqual([
      200, 200, 200, 200, 200, 401, 401, 401, 401, 401,
    ]);
    const { credentials } = await stored(row.id);
    expect(await worksAtNotion(credentials.accessToken)).toBe(true);
  });

  it("keeps the newest refresh token when two processes refresh at once", async () => {
    const { row, issued } = await connect();
    let firstSent: () => void = () => {};
    const firstMayGo = new Promise<void>((resolve) => {
      firstSent = resolve;
    });
    let firstDone: () => void = () => {};
    const firstFinished = new Promise<void>((resolve) => {
      firstDone = resolve;
    });
    // Process A asks Notion only once B has read the row too; B asks only once A has stored its tokens.
    const processA = resolverWith({
      fetch: async (input, init) => {
        await firstMayGo;
        return fetch(input, init);
      },
    });
    const processB = resolverWith({
      fetch: async (input, init) => {
        firstSent();
        await firstFinished;
        return fetch(input, init);
      },
    });

    const a = processA(row, issued.accessToken).then((token) => {
      firstDone();
      return token;
    });
    const [tokenA, tokenB] = await Promise.all([a, processB(row, issued.accessToken)]);

    expect(tokenB).toBe(tokenA);
    expect(refreshCalls().map((request) => request.status)).toEqual([200, 400]);
    const { credentials } = await stored(row.id);
    expect(credentials.accessToken).toBe(tokenA);
    // The stored refresh token is the live one: refreshing again works.
    expect(await resolverWith()(row, tokenA)).not.toBe(tokenA);
    expect(refreshCalls().at(-1)?.status).toBe(200);
  });

  it("turns a refused refresh (invalid_grant) into invalid_config with the reconnect hint", async () => {
    const { row, issued } = await connect();
    notion.revokeToken();
    const before = await stored(row.id);

    const refused = resolverWith()(row, issued.accessToken);

    await expect(refused).rejects.toMatchObject({
      code: "invalid_config",
      retryable: false,
      hint: reconnectNotionHint,
      message: expect.stringContaining("invalid_grant"),
    });
    expect((await stored(row.id)).sealed).toBe(before.sealed);

    // Through the client, as a sync sees it: the request fails with the same error.
    const notionClient = await notionClientForConnection(row, {
      apiUrl: notion.url,
      accessTokenFor: resolverWith(),
    });
    const error = await notionClient.users.me({}).then(
      () => undefined,
      (thrown: unknown) => toNotionError(thrown),
    );
    expect(error).toMatchObject({ code: "invalid_config", hint: reconnectNotionHint });
  });

  it("marks the connection 'needs re-auth' when its expired token cannot be refreshed", async () => {
    const { row } = await connect((credentials) => ({
      ...credentials,
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
    }));
    notion.revokeToken();
    const temp = await makeTempDir();
    const store = createLanceDbStore({ directory: temp.path, dimensions: 8 });
    try {
      const sync = syncSource(
        {
          database: database(),
          store,
          embedder: null,
          logger: silentLogger(),
          connectors: notionConnectors({ apiUrl: notion.url, accessTokenFor: resolverWith() }),
        },
        { connectionId: row.id, mode: "incremental" },
      );
      await expect(sync).rejects.toMatchObject({ code: "invalid_config" });
    } finally {
      await store.close();
      await temp.remove();
    }
    const after = await getSourceConnection(database().db, row.id);
    expect(after?.state).toBe("needs_reauth");
    expect(after?.lastError).toContain("Notion refused to refresh");
  });

  it("is not available without ENCRYPTION_KEY", () => {
    expect(
      notionAccessTokenFor({
        apiUrl: notion.url,
        ...client,
        encryptionKey: undefined,
        database: database(),
        logger: silentLogger(),
      }),
    ).toBeUndefined();
  });
});
