import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import {
  oauthStateKey,
  oauthStateLifetimeMs,
  safeParseOAuthState,
  signOAuthState,
} from "#connectors/oauth/oauth-state.ts";
import { redisOAuthStateLedger } from "#connectors/oauth/oauth-state-ledger.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { notionConnectLink } from "./notion-connect-link.ts";
import { notionOAuthConfig, notionRedirectUri, requireNotionOAuthConfig } from "./notion-oauth-config.ts";

const encryptionKey = randomBytes(32).toString("base64");
const key = oauthStateKey(encryptionKey, "notion");
const now = new Date("2026-11-26T10:00:00.000Z");
const request = { workspaceId: "acme", connectedBy: "slack:U0ADMIN" };

/** Re-encodes the state's payload with `change` applied, keeping the original signature. */
function tamper(state: string, change: (payload: Record<string, unknown>) => void): string {
  const [version, payload, signature] = state.split(".");
  const fields = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
  change(fields);
  return [version, Buffer.from(JSON.stringify(fields)).toString("base64url"), signature].join(".");
}

describe("Notion OAuth state", () => {
  it("carries the workspace and the admin back, until it expires", () => {
    const { state, expiresAt } = signOAuthState(key, request, now);

    const check = safeParseOAuthState(key, state, new Date(now.getTime() + oauthStateLifetimeMs - 1));

    expect(expiresAt.getTime() - now.getTime()).toBe(10 * 60_000);
    expect(check).toMatchObject({ ok: true, state: { ...request, expiresAt } });
    expect(safeParseOAuthState(key, state, expiresAt)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a state whose workspace, admin or expiry was changed", () => {
    const { state } = signOAuthState(key, request, now);
    for (const changed of [
      tamper(state, (fields) => {
        fields.w = "other-team";
      }),
      tamper(state, (fields) => {
        fields.u = "slack:U0INTRUDER";
      }),
      tamper(state, (fields) => {
        fields.e = Number(fields.e) + 24 * 3600_000;
      }),
    ]) {
      expect(safeParseOAuthState(key, changed, now)).toEqual({ ok: false, reason: "forged" });
    }
  });

  it("refuses a state signed with another ENCRYPTION_KEY, and anything that is not a state", () => {
    const foreign = signOAuthState(oauthStateKey(randomBytes(32).toString("hex"), "notion"), request, now);
    expect(safeParseOAuthState(key, foreign.state, now)).toEqual({ ok: false, reason: "forged" });
    const { state } = signOAuthState(key, request, now);
    for (const garbage of [
      "",
      "v1",
      state.slice(0, 20),
      `v2${state.slice(2)}`,
      `${state}.x`,
      "x".repeat(5_000),
    ]) {
      expect(safeParseOAuthState(key, garbage, now)).toMatchObject({ ok: false });
    }
    const signatureStart = state.lastIndexOf(".") + 1;
    const flipped = state[signatureStart] === "A" ? "B" : "A";
    const badSignature = `${state.slice(0, signatureStart)}${flipped}${state.slice(signatureStart + 1)}`;
    expect(safeParseOAuthState(key, badSignature, now)).toEqual({ ok: false, reason: "forged" });
  });

  it("never uses the token-sealing key itself", () => {
    expect(key.equals(Buffer.from(encryptionKey, "base64"))).toBe(false);
    expect(key).toHaveLength(32);
  });
});

describe("Notion OAuth state ledger (Redis)", () => {
  const redis = createRedisConnection(testRedisUrl, { role: "worker", logger: silentLogger() });
  const prefix = randomPrefix();
  afterAll(async () => {
    await removeQueues(redis, prefix);
    await closeRedisConnection(redis);
  });

  it("lets each state through once, even when two callbacks race", async () => {
    const ledger = redisOAuthStateLedger(redis, prefix);
    const expiresAt = new Date(Date.now() + oauthStateLifetimeMs);

    const claims = await Promise.all([
      ledger.claim("nonce-a", expiresAt),
      ledger.claim("nonce-a", expiresAt),
    ]);

    expect(claims.sort()).toEqual([false, true]);
    expect(await ledger.claim("nonce-a", expiresAt)).toBe(false);
    expect(await ledger.claim("nonce-b", expiresAt)).toBe(true);
    // Forgotten shortly after the state itself would be refused as expired.
    const ttl = await redis.pttl(`${prefix}:notion-oauth-state:nonce-a`);
    expect(ttl).toBeGreaterThan(oauthStateLifetimeMs);
    expect(ttl).toBeLessThanOrEqual(oauthStateLifetimeMs + 60_000);
  });
});

describe("Notion authorize link", () => {
  const env = {
    NOTION_API_URL: "https://api.notion.com",
    NOTION_CLIENT_ID: "client-123",
    NOTION_CLIENT_SECRET: "secret-456",
    ENCRYPTION_KEY: encryptionKey,
    PUBLIC_URL: "https://sabio.example.com/",
    WEB_PORT: 3001,
  };

  it("asks Notion for a user-owned code, sent back to PUBLIC_URL with a signed state", () => {
    const config = requireNotionOAuthConfig(env);

    const link = notionConnectLink(config, request, now);

    const url = new URL(link.url);
    expect(`${url.origin}${url.pathname}`).toBe("https://api.notion.com/v1/oauth/authorize");
    expect(url.searchParams.get("client_id")).toBe("client-123");
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("owner")).toBe("user");
    expect(url.searchParams.get("redirect_uri")).toBe("https://sabio.example.com/oauth/notion/callback");
    const check = safeParseOAuthState(key, url.searchParams.get("state") ?? "", now);
    expect(check).toMatchObject({ ok: true, state: request });
    expect(link.url).not.toContain("secret-456");
  });

  it("falls back to the web role on this machine without PUBLIC_URL", () => {
    expect(notionRedirectUri({ PUBLIC_URL: undefined, WEB_PORT: 3001 })).toBe(
      "http://localhost:3001/oauth/notion/callback",
    );
  });

  it("names what is missing when the public integration is not configured", () => {
    expect(notionOAuthConfig({ ...env, NOTION_CLIENT_SECRET: undefined })).toBeUndefined();
    expect(() =>
      requireNotionOAuthConfig({ ...env, NOTION_CLIENT_ID: undefined, ENCRYPTION_KEY: undefined }),
    ).toThrow(
      expect.objectContaining({
        code: "invalid_config",
        message: expect.stringContaining("NOTION_CLIENT_ID and ENCRYPTION_KEY are not set"),
        hint: expect.stringContaining("https://sabio.example.com/oauth/notion/callback"),
      }),
    );
  });
});
