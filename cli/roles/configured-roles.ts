import { driveOAuthConfig } from "#connectors/drive/oauth/drive-oauth-config.ts";
import { notionOAuthConfig } from "#connectors/notion/oauth/notion-oauth-config.ts";
import type { Env } from "#shared/config/env.ts";
import type { SlackOAuthEnv } from "./slack-oauth.ts";
import type { WebEnv } from "./web-role.ts";

/**
 * Which roles have their configuration, read from the environment alone: kept apart from the
 * roles themselves so `sabio start` imports only the role modules it runs (Bolt, Hono, the sync
 * connectors are not loaded by `start answer`).
 */

/** Roles this build can run. */
export const availableRoles = ["answer", "slack", "discord", "sync", "web", "train"] as const;
export type RoleName = (typeof availableRoles)[number];

/**
 * Multi-workspace Slack (OAuth v2 distribution) is on when the OAuth trio is set; env.ts makes
 * ENCRYPTION_KEY and SLACK_SIGNING_SECRET come with it. Then teams install Sabio at
 * /slack/install and SLACK_BOT_TOKEN is not used.
 */
export function slackOAuthConfigured(env: SlackOAuthEnv): boolean {
  return Boolean(env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET && env.SLACK_STATE_SECRET);
}

/**
 * Slack is configured either for many workspaces (the OAuth trio: each team installs at
 * /slack/install) or for one (a bot token plus Socket Mode or HTTP).
 */
export function slackConfigured(env: Env): boolean {
  if (slackOAuthConfigured(env)) return true;
  return Boolean(env.SLACK_BOT_TOKEN && (env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET));
}

/** The Discord bot runs when it has a bot token (Developer Portal → Bot). */
export function discordConfigured(env: Env): boolean {
  return Boolean(env.DISCORD_TOKEN);
}

/** Whether `sabio start` without roles runs the sync role: a Notion integration is configured. */
export function syncConfigured(env: Env): boolean {
  return Boolean(env.NOTION_TOKEN || env.NOTION_CLIENT_ID);
}

/** The web role has work when an OAuth callback (Notion, Google), Notion or Stripe webhooks are configured. */
export function webConfigured(env: WebEnv): boolean {
  return (
    notionOAuthConfig(env) !== undefined ||
    driveOAuthConfig(env) !== undefined ||
    Boolean(env.NOTION_WEBHOOK_SECRET) ||
    Boolean(env.STRIPE_WEBHOOK_SECRET)
  );
}

/**
 * Roles whose configuration is present: what `start` with no role runs. Never `train`: a fine-tune
 * takes the machine's GPU memory for hours, so it runs only where it is asked for (`start train`).
 */
export function configuredRoles(env: Env): RoleName[] {
  return availableRoles.filter(
    (role) =>
      role === "answer" ||
      (role === "slack" && slackConfigured(env)) ||
      (role === "discord" && discordConfigured(env)) ||
      (role === "sync" && syncConfigured(env)) ||
      (role === "web" && webConfigured(env)),
  );
}
