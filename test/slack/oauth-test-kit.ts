import { randomBytes, randomUUID } from "node:crypto";
import type { Installation } from "@slack/bolt";
import { createOAuthSlackApp } from "#bots/slack/install/create-oauth-slack-app.ts";
import { installationFromRow } from "#bots/slack/install/installation-row.ts";
import {
  createSlackOAuth,
  type SlackOAuth,
  slackInstallPath,
  slackOAuthRedirectPath,
} from "#bots/slack/install/slack-oauth.ts";
import type { SlackApp } from "#bots/slack/receive/create-slack-app.ts";
import { createSecretBox, type SecretBox } from "#shared/crypto/secret-box.ts";
import type { Db } from "#shared/db/database.ts";
import type { SlackInstallationRow } from "#shared/db/schema.ts";
import { findSlackInstallation } from "#shared/db/slack-installation-repository.ts";
import { captureLogger, type LogLine } from "#test/helpers/queue-test-kit.ts";
import { signSlackRequest, slackEventBody } from "#test/helpers/slack-signing.ts";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";

/**
 * The real multi-workspace Bolt app over HTTP: a free port, the Slack stand-in behind every
 * WebClient (oauth.v2.access included), a real database, logs captured at debug level.
 */

export const clientId = "1111.2222";
export const clientSecret = "client-secret-4f9a2c61";
export const stateSecret = "state-secret-8d31b7e2";
export const signingSecret = "signing-secret-77e0aa13";
export const botUserId = "U0SABIOBOT";

export interface InstallStart {
  status: number;
  /** Slack's consent page the browser is sent to. */
  location: URL;
  state: string;
  /** The state cookie, as the browser sends it back. */
  cookie: string;
}

export interface AnotherProcessOptions {
  /** e.g. a delaying proxy in front of the stand-in, or a closed port. */
  slackApiUrl?: string;
  now?: () => number;
}

export interface OAuthHarness {
  slack: SlackStandIn;
  teamId: string;
  oauth: SlackOAuth;
  slackApp: SlackApp;
  box: SecretBox;
  encryptionKey: string;
  /** Every log line so far, from the app, the store and the token rotation. */
  lines: LogLine[];
  baseUrl: string;
  /** GET /slack/install. */
  beginInstall(): Promise<InstallStart>;
  /** GET /slack/oauth_redirect with these query parameters and cookie. */
  finishInstall(query: Record<string, string>, cookie?: string): Promise<{ status: number; body: string }>;
  /** The whole browser flow with the stand-in's good code. */
  install(): Promise<void>;
  /** Signs `event` in an event_callback envelope for `teamId` (default: the harness team) and posts it. */
  sendEvent(event: Record<string, unknown>, teamId?: string): Promise<number>;
  /** Stores an installation directly, e.g. one whose token has expired. */
  seed(bot: Partial<NonNullable<Installation["bot"]>>): Promise<void>;
  row(): Promise<SlackInstallationRow | undefined>;
  /** The stored tokens, opened. */
  tokens(): Promise<{ token: string; refreshToken: string | undefined; expiresAt: number | undefined }>;
  /** Another process on the same database: its own store, cache and token rotation. */
  anotherProcess(options?: AnotherProcessOptions): SlackOAuth;
  close(): Promise<void>;
}

export async function startOAuthHarness(db: Db): Promise<OAuthHarness> {
  const teamId = `T${randomUUID().replaceAll("-", "").slice(0, 8).toUpperCase()}`;
  const slack = await startSlackStandIn({ teamId, botUserId });
  const encryptionKey = randomBytes(32).toString("base64");
  const box = createSecretBox(encryptionKey);
  const { logger, lines } = captureLogger();
  const makeOAuth = (options: AnotherProcessOptions = {}) =>
    createSlackOAuth({
      clientId,
      clientSecret,
      stateSecret,
      encryptionKey,
      slackApiUrl: options.slackApiUrl ?? slack.apiUrl,
      db,
      logger,
      ...(options.now ? { now: options.now } : {}),
    });
  const oauth = makeOAuth();
  const slackApp = createOAuthSlackApp({ oauth, signingSecret, slackApiUrl: slack.apiUrl, port: 0, logger });
  oauth.registerUninstallHandlers(slackApp.app);
  const { port } = await slackApp.start();
  const baseUrl = `http://127.0.0.1:${port}`;

  async function beginInstall(): Promise<InstallStart> {
    const response = await fetch(`${baseUrl}${slackInstallPath}`, { redirect: "manual" });
    const location = new URL(response.headers.get("location") ?? "about:blank");
    const cookie = (response.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
    return { status: response.status, location, state: location.searchParams.get("state") ?? "", cookie };
  }

  async function finishInstall(query: Record<string, string>, cookie?: string) {
    const url = `${baseUrl}${slackOAuthRedirectPath}?${new URLSearchParams(query)}`;
    const response = await fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {} });
    return { status: response.status, body: await response.text() };
  }

  async function row() {
    return findSlackInstallation(db, teamId);
  }

  return {
    slack,
    teamId,
    oauth,
    slackApp,
    box,
    encryptionKey,
    lines,
    baseUrl,
    beginInstall,
    finishInstall,
    async install() {
      const { state, cookie } = await beginInstall();
      const { status } = await finishInstall({ code: "good-code", state }, cookie);
      if (status !== 200) throw new Error(`install failed with HTTP ${status}`);
    },
    async sendEvent(event, team = teamId) {
      const body = slackEventBody(event, { teamId: team, botUserId });
      const response = await fetch(`${baseUrl}/slack/events`, {
        method: "POST",
        headers: { "content-type": "application/json", ...signSlackRequest(body, signingSecret) },
        body,
      });
      await response.text();
      return response.status;
    },
    async seed(bot) {
      await oauth.receiverOptions.installationStore.storeInstallation({
        team: { id: teamId, name: "Sabio Test" },
        enterprise: undefined,
        user: { id: "U0ADMIN", token: undefined, scopes: undefined },
        bot: { token: "xoxb-seeded", scopes: ["chat:write"], id: slack.botId, userId: botUserId, ...bot },
        appId: "A0SABIOAPP",
        tokenType: "bot",
        isEnterpriseInstall: false,
        authVersion: "v2",
      });
    },
    row,
    async tokens() {
      const stored = await row();
      if (!stored) throw new Error(`no installation for ${teamId}`);
      const { bot } = installationFromRow(stored, box);
      return { token: bot?.token ?? "", refreshToken: bot?.refreshToken, expiresAt: bot?.expiresAt };
    },
    anotherProcess: makeOAuth,
    async close() {
      await slackApp.stop();
      await slack.close();
    },
  };
}
