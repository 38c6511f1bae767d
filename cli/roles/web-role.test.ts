import { randomBytes, randomUUID } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notionConnectLink } from "#connectors/notion/oauth/notion-connect-link.ts";
import {
  oauthNotionConnectionId,
  oauthNotionSource,
} from "#connectors/notion/oauth/notion-connection-ids.ts";
import { openNotionCredentials } from "#connectors/notion/oauth/notion-credentials.ts";
import { requireNotionOAuthConfig } from "#connectors/notion/oauth/notion-oauth-config.ts";
import { notionWebhookSignature } from "#connectors/notion/webhooks/notion-webhook-signature.ts";
import { oauthStateKey, signOAuthState } from "#connectors/oauth/oauth-state.ts";
import { redisOAuthStateLedger } from "#connectors/oauth/oauth-state-ledger.ts";
import { ensureEnvConnections } from "#connectors/sources/ensure-env-connections.ts";
import { createSecretBox } from "#shared/crypto/secret-box.ts";
import { getSourceConnection, saveOAuthConnection } from "#shared/db/source-connection-repository.ts";
import type { JobPayload } from "#shared/queue/job-catalog.ts";
import {
  goodNotionOAuthCode,
  type NotionStandIn,
  startNotionStandIn,
} from "#test/stand-ins/notion-server.ts";
import { webConfigured } from "./configured-roles.ts";
import { createWebApp, notionWebhookPath } from "./web-role.ts";
import { useWebRole } from "./web-role-test-kit.ts";

const encryptionKey = randomBytes(32).toString("base64");
const webhookSecret = "secret_subscription_verification_token";
const client = { clientId: "standin-client", clientSecret: "standin-secret" };

describe("the web role (real HTTP, Redis, PGlite and the Notion stand-in)", () => {
  let notion: NotionStandIn;
  beforeAll(async () => {
    notion = await startNotionStandIn({ oauthClient: client });
  });
  afterAll(async () => {
    await notion?.close();
  });
  const web = useWebRole(() => ({
    NOTION_API_URL: notion.url,
    NOTION_CLIENT_ID: client.clientId,
    NOTION_CLIENT_SECRET: client.clientSecret,
    ENCRYPTION_KEY: encryptionKey,
    NOTION_WEBHOOK_SECRET: webhookSecret,
  }));
  const { prefix, logger, lines, redis, inspector } = web;

  async function syncJobs(): Promise<JobPayload<"sync">[]> {
    const queue = new Queue("sync", { connection: inspector, prefix });
    try {
      const jobs = await queue.getJobs(["waiting", "prioritized", "delayed", "active"]);
      return jobs.map((job) => job.data as JobPayload<"sync">);
    } finally {
      await queue.close();
    }
  }

  const tokenRequests = () => notion.requests.filter((request) => request.path === "/v1/oauth/token");

  describe("connecting Notion through OAuth", () => {
    it("follows Notion's redirect: stores the connection with sealed tokens and starts the first sync", async () => {
      const link = notionConnectLink(requireNotionOAuthConfig(web.env), {
        workspaceId: "acme",
        connectedBy: "slack:U0ADMIN",
      });
      // What Notion does after consent: back to redirect_uri with a code and the same state.
      const authorize = new URL(link.url);
      const callback = new URL(authorize.searchParams.get("redirect_uri") ?? "");
      callback.searchParams.set("code", goodNotionOAuthCode);
      callback.searchParams.set("state", authorize.searchParams.get("state") ?? "");

      const response = await fetch(callback);

      const html = await response.text();
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(html).toContain("The Notion workspace <strong>Sabio Test</strong> is now connected");
      expect(html).toContain("Sabio workspace <strong>acme</strong>");
      expect(html).toContain("The first sync has started");

      const connectionId = oauthNotionConnectionId(notion.workspaceId, "acme");
      const row = await getSourceConnection(web.db, connectionId);
      expect(row).toMatchObject({
        workspaceId: "acme",
        kind: "notion",
        source: oauthNotionSource(notion.workspaceId),
        label: "Sabio Test",
        externalAccountId: notion.workspaceId,
        connectedBy: "slack:U0ADMIN",
        state: "ok",
      });
      const sealed = row?.credentials ?? "";
      const credentials = openNotionCredentials(createSecretBox(encryptionKey), connectionId, sealed);
      expect(credentials.accessToken).toMatch(/^ntn_/);
      expect(credentials.refreshToken).toMatch(/^nrt_/);
      expect(sealed).not.toContain(credentials.accessToken);
      expect(sealed).not.toContain(credentials.refreshToken);
      expect(html).not.toContain(credentials.accessToken);
      const me = await fetch(`${notion.url}/v1/users/me`, {
        headers: { authorization: `Bearer ${credentials.accessToken}`, "notion-version": "2025-09-03" },
      });
      expect(me.status).toBe(200);
      expect(tokenRequests().at(-1)?.body).toMatchObject({
        grant_type: "authorization_code",
        redirect_uri: `${web.base}/oauth/notion/callback`,
      });

      expect(await syncJobs()).toContainEqual({
        workspaceId: "acme",
        connectionId,
        mode: "full",
        reason: "manual",
      });

      // The same link again (a reload, a replay): refused before Notion is asked.
      const exchanges = tokenRequests().length;
      const replay = await fetch(callback);
      expect(replay.status).toBe(400);
      expect(await replay.text()).toContain("This link was already used");
      expect(tokenRequests()).toHaveLength(exchanges);
    });

    it("refuses a changed, expired or missing state in plain words, without asking Notion", async () => {
      const exchanges = tokenRequests().length;
      const key = oauthStateKey(encryptionKey, "notion");
      const fresh = signOAuthState(key, { workspaceId: "beta", connectedBy: "cli" }, new Date()).state;
      const [version, payload, signature] = fresh.split(".");
      const fields = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")) as { w: string };
      fields.w = "acme";
      const changed = [version, Buffer.from(JSON.stringify(fields)).toString("base64url"), signature].join(
        ".",
      );
      const expired = signOAuthState(
        key,
        { workspaceId: "beta", connectedBy: "cli" },
        new Date(Date.now() - 11 * 60_000),
      ).state;

      for (const [query, words] of [
        [{ code: goodNotionOAuthCode, state: changed }, "was changed after Sabio made it"],
        [{ code: goodNotionOAuthCode, state: expired }, "This link has expired"],
        [{ code: goodNotionOAuthCode }, "missing the part that says who started"],
        [{ code: goodNotionOAuthCode, state: "nonsense" }, "not made by this Sabio server"],
      ] as const) {
        const response = await fetch(`${web.base}/oauth/notion/callback?${new URLSearchParams(query)}`);
        expect(response.status).toBe(400);
        const html = await response.text();
        expect(html).toContain(words);
        expect(html).toContain("/sabio connect notion");
      }
      expect(tokenRequests()).toHaveLength(exchanges);
      expect(
        await getSourceConnection(web.db, oauthNotionConnectionId(notion.workspaceId, "beta")),
      ).toBeUndefined();
    });

    it("says so when the admin cancels on Notion's consent screen", async () => {
      const link = new URL(
        notionConnectLink(requireNotionOAuthConfig(web.env), { workspaceId: "gamma", connectedBy: "cli" })
          .url,
      );
      const query = new URLSearchParams({
        error: "access_denied",
        state: link.searchParams.get("state") ?? "",
      });

      const response = await fetch(`${web.base}/oauth/notion/callback?${query}`);

      expect(response.status).toBe(200);
      expect(await response.text()).toContain(
        "You chose not to give Sabio access, so nothing was connected.",
      );
      expect(
        await getSourceConnection(web.db, oauthNotionConnectionId(notion.workspaceId, "gamma")),
      ).toBeUndefined();
    });

    it("explains a code Notion refuses (invalid_grant) and connects nothing", async () => {
      const link = new URL(
        notionConnectLink(requireNotionOAuthConfig(web.env), { workspaceId: "delta", connectedBy: "cli" })
          .url,
      );
      const query = new URLSearchParams({ code: "not-a-code", state: link.searchParams.get("state") ?? "" });

      const response = await fetch(`${web.base}/oauth/notion/callback?${query}`);

      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain("Notion did not accept the sign-in: the code has expired or was already used");
      expect(html).toContain("invalid_grant");
      expect(html).toContain("Nothing was changed.");
      expect(
        await getSourceConnection(web.db, oauthNotionConnectionId(notion.workspaceId, "delta")),
      ).toBeUndefined();
    });

    it("answers /healthz", async () => {
      const response = await fetch(`${web.base}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("ok");
    });
  });

  describe("Notion webhooks", () => {
    /** An OAuth connection of `notionWorkspaceId` to `workspaceId`, as the callback stores it. */
    async function seedConnection(notionWorkspaceId: string, workspaceId: string): Promise<string> {
      const id = oauthNotionConnectionId(notionWorkspaceId, workspaceId);
      await saveOAuthConnection(web.db, {
        id,
        workspaceId,
        kind: "notion",
        source: oauthNotionSource(notionWorkspaceId),
        label: "Seeded",
        externalAccountId: notionWorkspaceId,
        connectedBy: "cli",
        credentials: createSecretBox(encryptionKey).seal("{}", id),
      });
      return id;
    }

    function pageEvent(notionWorkspaceId: string, pageId: string, type = "page.content_updated") {
      return {
        id: randomUUID(),
        timestamp: new Date().toISOString(),
        workspace_id: notionWorkspaceId,
        workspace_name: "Seeded",
        subscription_id: randomUUID(),
        integration_id: randomUUID(),
        type,
        authors: [{ id: randomUUID(), type: "person" }],
        attempt_number: 1,
        entity: { id: pageId, type: "page" },
        data: { parent: { id: randomUUID(), type: "space" } },
      };
    }

    function post(body: string, signature?: string): Promise<Response> {
      return fetch(`${web.base}${notionWebhookPath}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(signature === undefined ? {} : { "x-notion-signature": signature }),
        },
        body,
      });
    }

    const sign = (body: string, secret = webhookSecret) => notionWebhookSignature(secret, Buffer.from(body));

    it("queues an incremental sync of the changed page for every connection of that Notion workspace", async () => {
      const notionWorkspaceId = randomUUID();
      const first = await seedConnection(notionWorkspaceId, "hooks-one");
      const second = await seedConnection(notionWorkspaceId, "hooks-two");
      const pageId = randomUUID();
      // Signed over the exact bytes: spacing a re-serialisation would lose must still verify.
      const body = JSON.stringify(pageEvent(notionWorkspaceId, pageId), null, 2);

      const response = await post(body, sign(body));

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true, queued: 2 });
      const jobs = await syncJobs();
      for (const [workspaceId, connectionId] of [
        ["hooks-one", first],
        ["hooks-two", second],
      ]) {
        expect(jobs).toContainEqual({
          workspaceId,
          connectionId,
          mode: "incremental",
          reason: "webhook",
          pageIds: [pageId],
        });
      }
    });

    it("refuses events with a wrong or missing signature, and queues nothing", async () => {
      const notionWorkspaceId = randomUUID();
      const connectionId = await seedConnection(notionWorkspaceId, "hooks-refused");
      const body = JSON.stringify(pageEvent(notionWorkspaceId, randomUUID()));
      const tampered = body.replace("content_updated", "created");

      for (const signature of [
        undefined,
        "",
        sign(body, "another-secret"),
        sign(body).replace("sha256=", "sha1="),
        sign(body).slice(0, -2),
      ]) {
        const response = await post(body, signature);
        expect(response.status).toBe(401);
      }
      expect((await post(tampered, sign(body))).status).toBe(401);
      expect((await syncJobs()).filter((job) => job.connectionId === connectionId)).toEqual([]);
    });

    it("accepts the one-time verification request and saves its token for the admin, not in the log", async () => {
      const body = JSON.stringify({ verification_token: "secret_brand_new_subscription_token" });

      const response = await post(body);

      expect(response.status).toBe(200);
      const savedAt = join(web.env.DATA_DIR, "notion-webhook-verification-token");
      expect(lines).toContainEqual(
        expect.objectContaining({ savedAt, msg: expect.stringContaining("set NOTION_WEBHOOK_SECRET to it") }),
      );
      expect((await readFile(savedAt, "utf8")).trim()).toBe("secret_brand_new_subscription_token");
      expect((await stat(savedAt)).mode & 0o777).toBe(0o600);
      expect(lines.some((line) => JSON.stringify(line).includes("secret_brand_new_subscription_token"))).toBe(
        false,
      );
      // Once the secret is that token, a repeat is acknowledged without printing it again.
      const repeat = JSON.stringify({ verification_token: webhookSecret });
      expect((await post(repeat)).status).toBe(200);
      expect(lines.some((line) => JSON.stringify(line).includes(webhookSecret))).toBe(false);
    });

    it("answers 200 to events it cannot use, so Notion does not retry them", async () => {
      const jobsBefore = (await syncJobs()).length;
      const unknown = JSON.stringify(pageEvent(randomUUID(), randomUUID()));
      const comment = JSON.stringify(pageEvent(notion.workspaceId, randomUUID(), "comment.created"));

      for (const body of [unknown, comment, JSON.stringify({ hello: "world" })]) {
        const response = await post(body, sign(body));
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ ok: true, ignored: expect.any(String) });
      }
      expect((await syncJobs()).length).toBe(jobsBefore);
      expect(lines).toContainEqual(
        expect.objectContaining({ msg: expect.stringContaining("no connection here") }),
      );
    });

    it("refuses bodies too large to be a Notion event", async () => {
      const body = JSON.stringify({ padding: "x".repeat(300 * 1024) });
      expect((await post(body, sign(body))).status).toBe(413);
    });
  });

  describe("routes follow the configuration", () => {
    it("maps events no OAuth connection claims to the internal integration's connection", async () => {
      const internalEnv = { ...web.env, NOTION_TOKEN: "secret_internal", SABIO_WORKSPACE: "inhouse" };
      await ensureEnvConnections(web.db, internalEnv);
      const app = createWebApp({
        env: internalEnv,
        db: web.db,
        ledger: redisOAuthStateLedger(redis, prefix),
        producer: web.producer,
        logger,
      });
      const pageId = randomUUID();
      const body = JSON.stringify({
        workspace_id: randomUUID(),
        type: "page.created",
        entity: { id: pageId, type: "page" },
      });

      const response = await app.request(notionWebhookPath, {
        method: "POST",
        headers: { "x-notion-signature": notionWebhookSignature(webhookSecret, Buffer.from(body)) },
        body,
      });

      expect(response.status).toBe(200);
      expect(await syncJobs()).toContainEqual({
        workspaceId: "inhouse",
        connectionId: "notion-internal@inhouse",
        mode: "incremental",
        reason: "webhook",
        pageIds: [pageId],
      });
    });

    it("serves no webhook route without NOTION_WEBHOOK_SECRET and no callback without Notion OAuth", async () => {
      const bare = {
        ...web.env,
        NOTION_WEBHOOK_SECRET: undefined,
        NOTION_CLIENT_ID: undefined,
        NOTION_CLIENT_SECRET: undefined,
      };
      const app = createWebApp({
        env: bare,
        db: web.db,
        ledger: redisOAuthStateLedger(redis, prefix),
        producer: web.producer,
        logger,
      });

      expect((await app.request(notionWebhookPath, { method: "POST", body: "{}" })).status).toBe(404);
      expect((await app.request("/oauth/notion/callback?code=x&state=y")).status).toBe(404);
      expect((await app.request("/healthz")).status).toBe(200);
      expect(webConfigured(bare)).toBe(false);
      expect(webConfigured({ ...bare, NOTION_WEBHOOK_SECRET: "s" })).toBe(true);
      expect(webConfigured(web.env)).toBe(true);
      expect((await app.request("/billing/done")).status).toBe(404);
    });

    it("with billing on, Stripe Checkout's return pages say what happens next", async () => {
      const app = createWebApp({
        env: { ...web.env, STRIPE_SECRET_KEY: "sk_test_x" },
        db: web.db,
        ledger: redisOAuthStateLedger(redis, prefix),
        producer: web.producer,
        logger,
      });
      const done = await app.request("/billing/done?session_id=cs_test_1");
      expect(done.status).toBe(200);
      expect(await done.text()).toContain("Subscription started");
      const canceled = await app.request("/billing/canceled");
      expect(canceled.status).toBe(200);
      expect(await canceled.text()).toContain("nothing was charged");
    });
  });
});
