import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDriveCredentials } from "#connectors/drive/drive-credentials.ts";
import { driveConnectLink } from "#connectors/drive/oauth/drive-connect-link.ts";
import { requireDriveOAuthConfig } from "#connectors/drive/oauth/drive-oauth-config.ts";
import type { OAuthStateLedger } from "#connectors/oauth/oauth-state-ledger.ts";
import { envSchema } from "#shared/config/env.ts";
import { createSecretBox } from "#shared/crypto/secret-box.ts";
import { getSourceConnection, markSourceNeedsReauth } from "#shared/db/source-connection-repository.ts";
import type { Producer } from "#shared/queue/enqueue.ts";
import type { JobPayloadInput } from "#shared/queue/job-catalog.ts";
import { noTelemetry, type SourceConnected, type Telemetry } from "#shared/telemetry/telemetry.ts";
import { captureLogger } from "#test/helpers/queue-test-kit.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { type DriveStandIn, startDriveStandIn } from "#test/stand-ins/drive/drive-server.ts";
import { createWebApp } from "./web-role.ts";

const encryptionKey = randomBytes(32).toString("base64");
const publicUrl = "https://sabio.example.com";

/** Remembers used nonces in memory (the Redis ledger has its own tests). */
function memoryLedger(): OAuthStateLedger {
  const used = new Set<string>();
  return {
    async claim(nonce) {
      if (used.has(nonce)) return false;
      used.add(nonce);
      return true;
    },
  };
}

describe.each(testDatabaseBackends)("Google's OAuth callback ($kind)", (backend) => {
  const db = useTestDatabase(backend);
  const { logger, lines } = captureLogger();
  const queued: JobPayloadInput<"sync">[] = [];
  const producer = {
    async enqueue(queue: string, payload: JobPayloadInput<"sync">) {
      if (queue === "sync") queued.push(payload);
      return { id: String(queued.length), deduplicated: false };
    },
    async close() {},
  } as unknown as Producer;
  const connected: SourceConnected[] = [];
  const telemetry: Telemetry = { ...noTelemetry, sourceConnected: (event) => void connected.push(event) };
  let drive: DriveStandIn;
  let env: ReturnType<typeof envSchema.parse>;
  let app: ReturnType<typeof createWebApp>;

  beforeAll(async () => {
    drive = await startDriveStandIn({ account: { email: "Ana@Example.com", displayName: "Ana" } });
    env = envSchema.parse({
      GOOGLE_CLIENT_ID: drive.client.clientId,
      GOOGLE_CLIENT_SECRET: drive.client.clientSecret,
      GOOGLE_OAUTH_URL: drive.authUrl,
      GOOGLE_TOKEN_URL: drive.tokenUrl,
      GOOGLE_API_URL: drive.rootUrl,
      ENCRYPTION_KEY: encryptionKey,
      PUBLIC_URL: publicUrl,
    });
    app = createWebApp({ env, db: db(), ledger: memoryLedger(), producer, logger, telemetry });
  });
  afterAll(async () => {
    await drive?.close();
  });

  /** What Google's consent does with the link: a 302 back to the callback with a code and the state. */
  async function consent(workspaceId: string, change: (url: URL) => void = () => {}): Promise<URL> {
    const url = new URL(
      driveConnectLink(requireDriveOAuthConfig(env), { workspaceId, connectedBy: "slack:U1" }).url,
    );
    change(url);
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(302);
    return new URL(response.headers.get("location") ?? "");
  }

  /** GETs the callback on the web app (the same path and query the browser would bring). */
  async function callback(back: URL): Promise<{ status: number; html: string }> {
    expect(back.origin + back.pathname).toBe(`${publicUrl}/oauth/google/callback`);
    const response = await app.request(`${back.pathname}${back.search}`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    return { status: response.status, html: await response.text() };
  }

  const connectionId = (workspaceId: string) => `drive-ana@example.com@${workspaceId}`;

  it("stores a drive connection for the account, tokens sealed, and queues its first full sync", async () => {
    const back = await consent("acme");
    const page = await callback(back);

    expect(page.status).toBe(200);
    expect(page.html).toContain("<strong>Google Drive (ana@example.com)</strong> is now connected");
    expect(page.html).toContain("Sabio workspace <strong>acme</strong>");
    expect(drive.authorizations.at(-1)).toMatchObject({
      scope: "https://www.googleapis.com/auth/drive.readonly",
      accessType: "offline",
      prompt: "consent",
    });
    const row = await getSourceConnection(db(), connectionId("acme"));
    expect(row).toMatchObject({
      workspaceId: "acme",
      kind: "drive",
      source: "drive:ana@example.com",
      label: "Google Drive (ana@example.com)",
      externalAccountId: "ana@example.com",
      connectedBy: "slack:U1",
      state: "ok",
    });
    const sealed = row?.credentials ?? "";
    const tokens = openDriveCredentials(createSecretBox(encryptionKey), connectionId("acme"), sealed);
    expect(tokens.access_token).toMatch(/^ya29\./);
    expect(tokens.refresh_token).toMatch(/^1\/\//);
    expect(tokens.expiry_date).toBeGreaterThan(Date.now());
    for (const secret of [tokens.access_token, tokens.refresh_token, back.searchParams.get("code") ?? ""]) {
      expect(sealed).not.toContain(secret);
      expect(page.html).not.toContain(secret);
      expect(JSON.stringify(lines)).not.toContain(secret);
    }
    expect(drive.callsTo("about.get")).toHaveLength(1);
    expect(queued.at(-1)).toEqual({
      workspaceId: "acme",
      connectionId: connectionId("acme"),
      mode: "full",
      reason: "manual",
    });
    // PostHog's source_connected: ids only.
    expect(connected.at(-1)).toEqual({
      workspaceId: "acme",
      kind: "drive",
      connectionId: connectionId("acme"),
    });
  });

  it("refuses the same callback twice, before Google is asked again", async () => {
    const back = await consent("reuse");
    expect((await callback(back)).status).toBe(200);
    const exchanges = drive.tokenGrants.length;
    const announced = connected.length;

    const again = await callback(back);

    expect(again.status).toBe(400);
    expect(again.html).toContain("This link was already used");
    expect(again.html).toContain("/sabio connect drive");
    expect(drive.tokenGrants).toHaveLength(exchanges);
    expect(connected).toHaveLength(announced);
  });

  it("reconnecting the same account updates its connection and clears needs re-auth", async () => {
    await callback(await consent("again"));
    const before = await getSourceConnection(db(), connectionId("again"));
    await markSourceNeedsReauth(db(), connectionId("again"), "Google refused to refresh");

    expect((await callback(await consent("again"))).status).toBe(200);

    const after = await getSourceConnection(db(), connectionId("again"));
    expect(after).toMatchObject({ state: "ok", lastError: null, source: before?.source });
    expect(after?.credentials).not.toBe(before?.credentials);
  });

  it("shows what to do when Google gives no refresh token, and stores nothing", async () => {
    // What Google does for an app it remembers: consent without a new refresh token.
    const back = await consent("no-refresh", (url) => url.searchParams.delete("access_type"));

    const page = await callback(back);

    expect(page.status).toBe(400);
    expect(page.html).toContain("Google did not give Sabio lasting (offline) access");
    expect(page.html).toContain("https://myaccount.google.com/connections");
    expect(page.html).toContain("Nothing was changed.");
    expect(await getSourceConnection(db(), connectionId("no-refresh"))).toBeUndefined();
    expect(connected.map((event) => event.workspaceId)).not.toContain("no-refresh");
  });

  it("says so when the admin cancels, and when the state is not Sabio's", async () => {
    const back = await consent("cancel");
    back.searchParams.delete("code");
    back.searchParams.set("error", "access_denied");
    const cancelled = await callback(back);
    expect(cancelled.status).toBe(200);
    expect(cancelled.html).toContain("You chose not to give Sabio access");

    const forged = await consent("forged");
    forged.searchParams.set("state", `${forged.searchParams.get("state")}x`);
    const page = await callback(forged);
    expect(page.status).toBe(400);
    expect(page.html).toMatch(/not made by this Sabio server|changed after Sabio made it/);
    expect(await getSourceConnection(db(), connectionId("forged"))).toBeUndefined();
  });

  it("explains a code Google refuses and connects nothing", async () => {
    const back = await consent("bad-code");
    back.searchParams.set("code", "4/not-a-code");

    const page = await callback(back);

    expect(page.status).toBe(400);
    expect(page.html).toContain("Google did not accept the sign-in");
    expect(page.html).toContain("invalid_grant");
    expect(await getSourceConnection(db(), connectionId("bad-code"))).toBeUndefined();
  });
});
