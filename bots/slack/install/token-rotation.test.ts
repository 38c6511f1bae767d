import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { startDelayingProxy } from "#test/helpers/delaying-proxy.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { expectNoSecretsLogged } from "#test/slack/no-secrets-logged.ts";
import { botUserId, type OAuthHarness, startOAuthHarness } from "#test/slack/oauth-test-kit.ts";

const twelveHours = 43_200;
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe.each(testDatabaseBackends)("Slack token rotation on $kind", (backend) => {
  const db = useTestDatabase(backend);
  let harness: OAuthHarness;
  let target: { workspaceId: string; teamId: string };

  beforeEach(async () => {
    harness = await startOAuthHarness(db());
    target = { workspaceId: harness.teamId.toLowerCase(), teamId: harness.teamId };
  });
  afterEach(async () => {
    await harness.close();
    expectNoSecretsLogged(harness.lines, harness.encryptionKey);
  });

  /** An installation whose bot token expired a minute ago. */
  const seedExpired = () =>
    harness.seed({
      token: "xoxe.xoxb-1-expired",
      refreshToken: "xoxe-1-seeded",
      expiresAt: nowSeconds() - 60,
    });
  const refreshCalls = () =>
    harness.slack.callsTo("oauth.v2.access").filter((call) => call.args.grant_type === "refresh_token");

  it("rotates an expired token when an event arrives, and stores both new tokens sealed", async () => {
    await seedExpired();
    const tokensSeen: (string | undefined)[] = [];
    harness.slackApp.app.event("app_mention", async ({ context }) => {
      tokensSeen.push(context.botToken);
    });
    const mention = {
      type: "app_mention",
      user: "U0ASKER",
      text: `<@${botUserId}> hi`,
      ts: "2.000100",
      channel: "C1",
    };
    expect(await harness.sendEvent(mention)).toBe(200);
    await vi.waitFor(() => expect(tokensSeen).toHaveLength(1));

    const newToken = `xoxe.xoxb-1-${harness.teamId}-rotated-1`;
    expect(tokensSeen[0]).toBe(newToken);
    expect(refreshCalls().map((call) => call.args.refresh_token)).toEqual(["xoxe-1-seeded"]);
    const stored = await harness.tokens();
    expect(stored.token).toBe(newToken);
    expect(stored.refreshToken).toBe(`xoxe-1-${harness.teamId}-refresh-1`);
    expect(stored.expiresAt).toBeGreaterThanOrEqual(nowSeconds() + twelveHours - 60);
    expect(JSON.stringify(await harness.row())).not.toContain("rotated-1");
    expect(harness.lines.find((line) => line.msg === "slack bot token rotated")).toMatchObject({
      stored: true,
    });
  });

  it("rotates an expired token before a reply, once for replies asking at the same time", async () => {
    await seedExpired();
    const clients = await Promise.all([1, 2, 3].map(() => harness.oauth.clientFor(target)));
    const newToken = `xoxe.xoxb-1-${harness.teamId}-rotated-1`;
    expect(clients.map((client) => client.token)).toEqual([newToken, newToken, newToken]);
    expect(refreshCalls()).toHaveLength(1);
    const stored = await harness.tokens();
    expect([stored.token, stored.refreshToken]).toEqual([newToken, `xoxe-1-${harness.teamId}-refresh-1`]);

    await clients[0]?.chat.postMessage({ channel: "C1", text: "answer" });
    expect(harness.slack.callsTo("chat.postMessage")[0]?.token).toBe(newToken);
    // The next reply reuses the fresh token.
    expect((await harness.oauth.clientFor(target)).token).toBe(newToken);
    expect(refreshCalls()).toHaveLength(1);
  });

  it("leaves a token alone while it is more than two hours from expiry", async () => {
    await harness.seed({
      token: "xoxe.xoxb-1-fresh",
      refreshToken: "xoxe-1-seeded",
      expiresAt: nowSeconds() + 6 * 3600,
    });
    expect((await harness.oauth.clientFor(target)).token).toBe("xoxe.xoxb-1-fresh");
    expect(refreshCalls()).toHaveLength(0);
  });

  it("takes the tokens another process rotated when its own refresh token was spent meanwhile", async () => {
    await seedExpired();
    const slowSlack = await startDelayingProxy(harness.slack.apiUrl, { "oauth.v2.access": 600 });
    try {
      const late = harness.anotherProcess({ slackApiUrl: slowSlack.apiUrl }).clientFor(target);
      await new Promise((resolve) => setTimeout(resolve, 150));
      const first = await harness.oauth.clientFor(target);
      const second = await late;
      expect(second.token).toBe(first.token);
      expect(first.token).toBe(`xoxe.xoxb-1-${harness.teamId}-rotated-1`);
      expect(refreshCalls()).toHaveLength(2);
      expect((await harness.tokens()).token).toBe(first.token);
    } finally {
      await slowSlack.close();
    }
  });

  it("fails a reply with a reinstall hint when Slack refuses the rotation, and keeps the stored tokens", async () => {
    await seedExpired();
    const before = await harness.row();
    harness.slack.failNext("oauth.v2.access", { error: "invalid_client_id" });
    const refused = await harness.oauth.clientFor(target).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: ErrorCode.UpstreamError, retryable: false });
    expect((refused as AppError).message).toContain("invalid_client_id");
    expect((refused as AppError).hint).toContain("/slack/install");
    expect(await harness.row()).toEqual(before);

    // A spent refresh token may be another process's rotation in progress: worth another try.
    harness.slack.failNext("oauth.v2.access", { error: "invalid_refresh_token" });
    expect(await harness.oauth.clientFor(target).catch((error: unknown) => error)).toMatchObject({
      retryable: true,
    });
  });

  it("fails a reply as retryable when Slack cannot be reached for the rotation", async () => {
    await seedExpired();
    const offline = harness.anotherProcess({ slackApiUrl: "http://127.0.0.1:9/api/" });
    const failed = await offline.clientFor(target).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(AppError);
    expect(failed).toMatchObject({ code: ErrorCode.Unavailable, retryable: true });
    expect((await harness.tokens()).token).toBe("xoxe.xoxb-1-expired");
  });
});
