import type { CustomRoute } from "@slack/bolt";
import { createOAuthSlackApp } from "#bots/slack/install/create-oauth-slack-app.ts";
import { createSlackOAuth, type SlackOAuth } from "#bots/slack/install/slack-oauth.ts";
import type { SlackApp } from "#bots/slack/receive/create-slack-app.ts";
import { createSlackPlatform } from "#bots/slack/reply/create-slack-platform.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { Platform } from "#shared/platform/platform.ts";
import type { Services } from "../services.ts";

/** The variables multi-workspace Slack reads (Env has them all). */
export interface SlackOAuthEnv {
  SLACK_CLIENT_ID?: string | undefined;
  SLACK_CLIENT_SECRET?: string | undefined;
  SLACK_STATE_SECRET?: string | undefined;
  SLACK_SIGNING_SECRET?: string | undefined;
  ENCRYPTION_KEY?: string | undefined;
  SLACK_API_URL: string;
  PORT: number;
}

const perProcess = new WeakMap<Services, Promise<SlackOAuth>>();

/**
 * The process's one SlackOAuth, made on first use (it opens the database): the slack role and the
 * answer worker's Slack platform share its token cache and its one-refresh-at-a-time rule.
 */
export function slackOAuthFor(services: Services): Promise<SlackOAuth> {
  let oauth = perProcess.get(services);
  if (!oauth) {
    oauth = createFromServices(services);
    perProcess.set(services, oauth);
    // A failure (database not reachable yet) is not kept: the next reply tries again.
    oauth.catch(() => perProcess.delete(services));
  }
  return oauth;
}

async function createFromServices(services: Services): Promise<SlackOAuth> {
  const env: SlackOAuthEnv = services.env;
  const {
    SLACK_CLIENT_ID: clientId,
    SLACK_CLIENT_SECRET: clientSecret,
    SLACK_STATE_SECRET: stateSecret,
  } = env;
  if (!clientId || !clientSecret || !stateSecret) {
    throw new AppError(
      ErrorCode.InvalidConfig,
      "Slack OAuth needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET.",
    );
  }
  if (!env.ENCRYPTION_KEY) {
    throw new AppError(
      ErrorCode.InvalidConfig,
      "Slack OAuth needs ENCRYPTION_KEY: installed workspaces' tokens are stored encrypted.",
      {
        hint: "generate one with `openssl rand -base64 32`",
      },
    );
  }
  const { db } = await services.database();
  return createSlackOAuth({
    clientId,
    clientSecret,
    stateSecret,
    encryptionKey: env.ENCRYPTION_KEY,
    slackApiUrl: env.SLACK_API_URL,
    db,
    logger: services.logger,
  });
}

/** The answer worker's way back to Slack in OAuth mode: each reply uses its team's installation. */
export function slackOAuthPlatform(services: Services): Platform {
  return createSlackPlatform({
    clientFor: async (target) => (await slackOAuthFor(services)).clientFor(target),
    logger: services.logger,
    streaming: "auto",
  });
}

export interface OAuthSlackRoleApp {
  slackApp: SlackApp;
  workspaceFor: (teamId: string) => string | undefined;
}

/**
 * The slack role's app in OAuth mode: HTTP (the install redirect needs a public URL anyway) on
 * PORT, `/slack/events`, `/slack/install`, `/slack/oauth_redirect`, uninstalls handled.
 */
export async function createOAuthSlackRoleApp(
  services: Services,
  options: { customRoutes?: CustomRoute[] } = {},
): Promise<OAuthSlackRoleApp> {
  const env: SlackOAuthEnv = services.env;
  if (!env.SLACK_SIGNING_SECRET) {
    throw new AppError(ErrorCode.InvalidConfig, "Slack OAuth runs in HTTP mode: set SLACK_SIGNING_SECRET.", {
      hint: "Basic Information → App Credentials → Signing Secret at api.slack.com/apps",
    });
  }
  const oauth = await slackOAuthFor(services);
  const slackApp = createOAuthSlackApp({
    oauth,
    signingSecret: env.SLACK_SIGNING_SECRET,
    slackApiUrl: env.SLACK_API_URL,
    port: env.PORT,
    customRoutes: options.customRoutes,
    logger: services.logger,
  });
  oauth.registerUninstallHandlers(slackApp.app);
  return { slackApp, workspaceFor: oauth.workspaceFor };
}
