import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSecretBox } from "#shared/crypto/secret-box.ts";
import {
  getSourceConnection,
  saveOAuthConnection,
  saveSourceCredentials,
} from "#shared/db/source-connection-repository.ts";
import { standInDriveClient } from "#test/drive/stand-in-drive-client.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { testDatabaseBackends, useOpenTestDatabase } from "#test/helpers/test-database-backends.ts";
import { type DriveStandIn, startDriveStandIn } from "#test/stand-ins/drive/drive-server.ts";
import { reconnectDriveHint } from "../client/drive-error.ts";
import { type DriveCredentials, openDriveCredentials, sealDriveCredentials } from "../drive-credentials.ts";
import { guardedDriveCredential } from "./drive-oauth-credential.ts";
import {
  type DriveTokenSettings,
  driveTokenRefresher,
  sharedDriveTokenRefresher,
} from "./drive-token-refresher.ts";
import { requestGoogleToken } from "./request-google-token.ts";

const encryptionKey = randomBytes(32).toString("base64");
const box = createSecretBox(encryptionKey);
const redirectUri = "https://sabio.example.com/oauth/google/callback";

describe.each(testDatabaseBackends)("Drive OAuth tokens ($kind)", (backend) => {
  const database = useOpenTestDatabase(backend);
  let drive: DriveStandIn;
  let counter = 0;

  beforeEach(async () => {
    drive = await startDriveStandIn();
  });
  afterEach(async () => {
    await drive.close();
  });

  const settings = (overrides: Partial<DriveTokenSettings> = {}): DriveTokenSettings => ({
    ...drive.client,
    encryptionKey,
    tokenUrl: drive.tokenUrl,
    database: database(),
    logger: silentLogger(),
    ...overrides,
  });

  /** A fresh grant from the stand-in's consent, as the callback stores it. */
  async function grant(): Promise<DriveCredentials> {
    const result = await requestGoogleToken(
      { tokenUrl: drive.tokenUrl, ...drive.client },
      {
        grant_type: "authorization_code",
        code: drive.authorizationCode(redirectUri),
        redirect_uri: redirectUri,
      },
    );
    if (!result.ok || !result.tokens.refresh_token) throw new Error("no grant");
    const { access_token, refresh_token, expiry_date } = result.tokens;
    return { access_token, refresh_token, expiry_date };
  }

  async function connect(edit: (tokens: DriveCredentials) => DriveCredentials = (tokens) => tokens) {
    counter += 1;
    const id = `drive-admin@example.com@w${counter}`;
    const issued = await grant();
    await saveOAuthConnection(database().db, {
      id,
      workspaceId: `w${counter}`,
      kind: "drive",
      source: "drive:admin@example.com",
      label: "Google Drive (admin@example.com)",
      externalAccountId: "admin@example.com",
      connectedBy: "cli",
      credentials: sealDriveCredentials(box, id, edit(issued)),
    });
    return { id, issued };
  }

  async function stored(id: string): Promise<{ sealed: string; tokens: DriveCredentials }> {
    const row = await getSourceConnection(database().db, id);
    if (!row?.credentials) throw new Error("no credentials");
    return { sealed: row.credentials, tokens: openDriveCredentials(box, id, row.credentials) };
  }

  const refreshes = () => drive.tokenGrants.filter((grant) => grant.grantType === "refresh_token");

  async function worksAtDrive(token: string): Promise<boolean> {
    const response = await fetch(`${drive.rootUrl}drive/v3/about?fields=user`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return response.ok;
  }

  it("uses stored tokens with time left, without asking Google", async () => {
    const { id, issued } = await connect();
    expect(await driveTokenRefresher(settings()).current(id)).toEqual(issued);
    expect(refreshes()).toHaveLength(0);
  });

  it("refreshes tokens about to expire, keeps the refresh token and stores them sealed", async () => {
    const { id, issued } = await connect((tokens) => ({ ...tokens, expiry_date: Date.now() + 60_000 }));

    const tokens = await driveTokenRefresher(settings()).current(id);

    expect(tokens.access_token).not.toBe(issued.access_token);
    expect(tokens.refresh_token).toBe(issued.refresh_token);
    expect(tokens.expiry_date).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(await worksAtDrive(tokens.access_token)).toBe(true);
    const after = await stored(id);
    expect(after.tokens).toEqual(tokens);
    expect(after.sealed).not.toContain(tokens.access_token);
    expect(refreshes()).toHaveLength(1);
  });

  it("refreshes once for many requests refused together, also through the process's shared refresher", async () => {
    const { id, issued } = await connect();
    const refresher = sharedDriveTokenRefresher(settings());
    expect(sharedDriveTokenRefresher(settings())).toBe(refresher);

    const tokens = await Promise.all(
      Array.from({ length: 5 }, () => refresher.current(id, issued.access_token)),
    );

    expect(new Set(tokens.map((token) => token.access_token)).size).toBe(1);
    expect(refreshes()).toHaveLength(1);
  });

  it("reads a revoked grant (invalid_grant) as needs re-auth and leaves the row as it was", async () => {
    const { id } = await connect((tokens) => ({ ...tokens, expiry_date: Date.now() - 1_000 }));
    const before = await stored(id);
    drive.revokeGrants();

    const refused = driveTokenRefresher(settings()).current(id);

    await expect(refused).rejects.toMatchObject({
      code: "invalid_config",
      retryable: false,
      hint: reconnectDriveHint,
      message: expect.stringContaining("invalid_grant"),
    });
    expect((await stored(id)).sealed).toBe(before.sealed);
  });

  it("uses the newer grant when Google refuses the old one because an admin reconnected meanwhile", async () => {
    const { id, issued } = await connect((tokens) => ({ ...tokens, expiry_date: Date.now() - 1_000 }));
    const reconnected = await grant();
    // The other side of the race: the callback stores a new grant while this refresh is on its way.
    const refresher = driveTokenRefresher(
      settings({
        fetch: async (input, init) => {
          await saveSourceCredentials(database().db, id, sealDriveCredentials(box, id, reconnected));
          drive.failNext("oauth.token", { invalidGrant: true });
          return fetch(input, init);
        },
      }),
    );

    const tokens = await refresher.current(id, issued.access_token);

    expect(tokens).toEqual(reconnected);
    expect((await stored(id)).tokens).toEqual(reconnected);
  });

  it("stores a client's own refresh only over the grant it came from", async () => {
    const { id, issued } = await connect();
    const refresher = driveTokenRefresher(settings());
    const refreshed = { ...issued, access_token: "ya29.refreshed", expiry_date: issued.expiry_date + 1_000 };

    expect(await refresher.store(id, issued, refreshed)).toBe(true);
    expect((await stored(id)).tokens).toEqual(refreshed);

    const reconnected = await grant();
    await saveSourceCredentials(database().db, id, sealDriveCredentials(box, id, reconnected));
    expect(await refresher.store(id, issued, { ...refreshed, access_token: "ya29.late" })).toBe(false);
    expect((await stored(id)).tokens).toEqual(reconnected);
  });

  it("gives the Drive client fresh tokens and stores the client's own refresh (after a 401) through the guard", async () => {
    const { id, issued } = await connect();
    const refresher = driveTokenRefresher(settings());
    const storedOnce = Promise.withResolvers<boolean>();
    const watched = {
      ...refresher,
      store: async (...args: Parameters<typeof refresher.store>) => {
        const result = await refresher.store(...args);
        storedOnce.resolve(result);
        return result;
      },
    };
    const credential = await guardedDriveCredential(id, watched, { ...drive.client, logger: silentLogger() });
    expect(credential.tokens).toEqual(issued);
    drive.expireAccessTokens();

    const about = await standInDriveClient(drive, credential, { retry: false }).about.get({ fields: "user" });

    expect(about.data.user?.emailAddress).toBe("admin@example.com");
    expect(await storedOnce.promise).toBe(true);
    const after = (await stored(id)).tokens;
    expect(after.access_token).not.toBe(issued.access_token);
    expect(after.refresh_token).toBe(issued.refresh_token);
    expect(await worksAtDrive(after.access_token)).toBe(true);
  });
});
