import type { WebClient } from "@slack/web-api";
import { REST } from "discord.js";
import { botTokenAlertClient } from "#bots/slack/alerts/bot-token-alert-client.ts";
import type { Services } from "../services.ts";
import { slackOAuthConfigured } from "./configured-roles.ts";
import { slackOAuthFor } from "./slack-oauth.ts";

/** The Slack client answering for a Sabio workspace, or undefined when Slack is not installed for it. */
export type SlackAlertClientFor = (workspaceId: string) => Promise<WebClient | undefined>;

/**
 * How admin alerts reach Slack in this deployment: through the OAuth installations, else the single
 * bot token; undefined when neither is configured.
 */
export function slackAlertClientFromEnv(services: Services): SlackAlertClientFor | undefined {
  const { env } = services;
  if (slackOAuthConfigured(env)) {
    return async (workspaceId) => (await slackOAuthFor(services)).clientFor({ workspaceId });
  }
  if (env.SLACK_BOT_TOKEN) {
    return botTokenAlertClient({
      botToken: env.SLACK_BOT_TOKEN,
      slackApiUrl: env.SLACK_API_URL,
      workspaceId: env.SABIO_WORKSPACE,
    });
  }
  return undefined;
}

/** The Discord REST client admin alerts are sent with (DISCORD_TOKEN), or undefined without one. */
export function discordAlertRestFromEnv(services: Services): REST | undefined {
  const { env } = services;
  if (!env.DISCORD_TOKEN) return undefined;
  // Few, short retries: a sync waits for its alert.
  return new REST({ api: env.DISCORD_API_URL, retries: 1, timeout: 10_000 }).setToken(env.DISCORD_TOKEN);
}
