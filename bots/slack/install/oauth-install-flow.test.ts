import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { expectNoSecretsLogged } from "#test/slack/no-secrets-logged.ts";
import { botUserId, clientId, type OAuthHarness, startOAuthHarness } from "#test/slack/oauth-test-kit.ts";
import { slackBotScopes } from "./slack-bot-scopes.ts";

describe.each(testDatabaseBackends)("Slack OAuth install flow on $kind", (backend) => {
  const db = useTestDatabase(backend);
  let harness: OAuthHarness;

  beforeEach(async () => {
    harness = await startOAuthHarness(db());
  });
  afterEach(async () => {
    await harness.close();
    expectNoSecretsLogged(harness.lines, harness.encryptionKey);
  });

  it("sends /slack/install to Slack's consent page with the manifest's scopes and a state bound to a cookie", async () => {
    const { status, location, state, cookie } = await harness.beginInstall();
    expect(status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(
      new URL("/oauth/v2/authorize", harness.slack.apiUrl).href,
    );
    expect(location.searchParams.get("client_id")).toBe(clientId);
    expect(location.searchParams.get("scope")?.split(",")).toEqual([...slackBotScopes]);
    expect(state.length).toBeGreaterThan(20);
    expect(cookie).toBe(`slack-app-oauth-state=${state}`);
  });

  it("stores the installation with its bot token sealed, and maps the team to its own workspace", async () => {
    expect(harness.oauth.workspaceFor(harness.teamId)).toBeUndefined();
    const { state, cookie } = await harness.beginInstall();
    const { status, body } = await harness.finishInstall({ code: "good-code", state }, cookie);
    expect(status).toBe(200);
    expect(body).toContain("Thank you!");

    const [exchange] = harness.slack.callsTo("oauth.v2.access");
    expect(exchange?.args).toMatchObject({ code: "good-code", client_id: clientId });
    const row = await harness.row();
    const rawToken = `xoxb-${harness.teamId}-stand-in`;
    expect(row).toMatchObject({
      installationKey: harness.teamId,
      teamId: harness.teamId,
      workspaceId: harness.teamId.toLowerCase(),
      botUserId,
      botId: harness.slack.botId,
      botRefreshTokenEncrypted: null,
      botTokenExpiresAt: null,
    });
    expect(row?.botTokenEncrypted).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain(rawToken);
    expect((await harness.tokens()).token).toBe(rawToken);
    expect(harness.oauth.workspaceFor(harness.teamId)).toBe(harness.teamId.toLowerCase());
    expect(harness.lines.some((line) => line.msg === "slack app installed")).toBe(true);
    // The WebClient logged the code exchange's body at debug level, client secret blanked.
    expect(harness.lines.some((line) => line.msg.includes('"client_secret":"[redacted]"'))).toBe(true);
  });

  it("rejects a redirect whose state is forged or belongs to another browser, and stores nothing", async () => {
    const mine = await harness.beginInstall();
    const theirs = await harness.beginInstall();
    const otherBrowser = await harness.finishInstall({ code: "good-code", state: theirs.state }, mine.cookie);
    expect(otherBrowser.status).toBe(400);
    const forged = `${mine.state.slice(0, -4)}AAAA`;
    const forgedState = await harness.finishInstall(
      { code: "good-code", state: forged },
      `slack-app-oauth-state=${forged}`,
    );
    expect(forgedState.status).toBe(400);
    expect((await harness.finishInstall({ code: "good-code" }, mine.cookie)).status).toBe(400);
    expect(harness.slack.callsTo("oauth.v2.access")).toHaveLength(0);
    expect(await harness.row()).toBeUndefined();
  });

  it("shows an error page for a code Slack refuses, and stores nothing", async () => {
    const { state, cookie } = await harness.beginInstall();
    const { status, body } = await harness.finishInstall({ code: "stale-code", state }, cookie);
    expect(status).toBe(500);
    expect(body).toContain("Something Went Wrong");
    expect(harness.slack.callsTo("oauth.v2.access")).toHaveLength(1);
    expect(await harness.row()).toBeUndefined();
    expect(harness.oauth.workspaceFor(harness.teamId)).toBeUndefined();
  });

  it("routes a signed event of an installed team to its workspace, with that team's bot", async () => {
    await harness.install();
    const seen: Record<string, string | undefined>[] = [];
    harness.slackApp.app.event("app_mention", async ({ context }) => {
      seen.push({
        teamId: context.teamId,
        workspace: harness.oauth.workspaceFor(context.teamId ?? ""),
        botUserId: context.botUserId,
        botToken: context.botToken,
      });
    });
    const mention = {
      type: "app_mention",
      user: "U0ASKER",
      text: `<@${botUserId}> hi`,
      ts: "1.000100",
      channel: "C1",
    };
    expect(await harness.sendEvent(mention)).toBe(200);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]).toEqual({
      teamId: harness.teamId,
      workspace: harness.teamId.toLowerCase(),
      botUserId,
      botToken: `xoxb-${harness.teamId}-stand-in`,
    });
  });

  it("leaves an event of a team without an installation to no listener, and knows no workspace for it", async () => {
    await harness.install();
    let called = false;
    harness.slackApp.app.event("app_mention", async () => {
      called = true;
    });
    const mention = { type: "app_mention", user: "U0ASKER", text: "hi", ts: "1.000200", channel: "C1" };
    expect(await harness.sendEvent(mention, "T0STRANGER")).toBe(200);
    await vi.waitFor(() =>
      expect(harness.lines.map((line) => line.msg)).toContain(
        "slack event from a team without a usable installation; ignored",
      ),
    );
    expect(called).toBe(false);
    expect(harness.oauth.workspaceFor("T0STRANGER")).toBeUndefined();
  });

  it("serves a team installed through another process: the event's installation is read from the database", async () => {
    await harness.install();
    const other = harness.anotherProcess();
    expect(other.workspaceFor(harness.teamId)).toBeUndefined();
    // What the other process's Bolt does for an event of that team before any listener runs.
    await other.receiverOptions.installationStore.fetchInstallation({
      teamId: harness.teamId,
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(other.workspaceFor(harness.teamId)).toBe(harness.teamId.toLowerCase());
    const client = await other.clientFor({
      workspaceId: harness.teamId.toLowerCase(),
      teamId: harness.teamId,
    });
    expect(client.token).toBe(`xoxb-${harness.teamId}-stand-in`);
  });

  it("deletes the installation on app_uninstalled, keeping nothing that could answer for the team", async () => {
    await harness.install();
    expect(await harness.sendEvent({ type: "app_uninstalled", event_ts: "1.000300" })).toBe(200);
    await vi.waitFor(async () => expect(await harness.row()).toBeUndefined());
    expect(harness.oauth.workspaceFor(harness.teamId)).toBeUndefined();
    const removal = harness.lines.find((line) => line.msg.startsWith("slack installation deleted"));
    expect(removal).toMatchObject({ reason: "app_uninstalled", workspaceId: harness.teamId.toLowerCase() });
    const refused = await harness.oauth
      .clientFor({ workspaceId: harness.teamId.toLowerCase(), teamId: harness.teamId })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: ErrorCode.NotFound, retryable: false });
  });

  it("deletes the installation when the bot token is revoked, not when only user tokens are", async () => {
    await harness.install();
    await harness.sendEvent({ type: "tokens_revoked", tokens: { oauth: ["U0ADMIN"] }, event_ts: "1.000400" });
    await harness.sendEvent({ type: "tokens_revoked", tokens: { bot: [botUserId] }, event_ts: "1.000500" });
    await vi.waitFor(async () => expect(await harness.row()).toBeUndefined());
    const removals = harness.lines.filter((line) => line.msg.startsWith("slack installation deleted"));
    expect(removals).toHaveLength(1);
    expect(removals[0]).toMatchObject({ reason: "tokens_revoked" });
  });
});
