import { REST } from "discord.js";
import { createDiscordSourceAlerts } from "#bots/discord/alerts/discord-source-alerts.ts";
import { botTokenAlertClient } from "#bots/slack/alerts/bot-token-alert-client.ts";
import { createSlackSourceAlerts } from "#bots/slack/alerts/slack-source-alerts.ts";
import { routeSourceAlerts } from "#connectors/sources/route-source-alerts.ts";
import type { SourceAlerts } from "#connectors/sources/source-alerts.ts";
import type { Services } from "../services.ts";
import { slackOAuthConfigured } from "./configured-roles.ts";
import { slackOAuthFor } from "./slack-oauth.ts";

/**
 * How this deployment tells admins that a connection needs re-auth: a Discord DM to whoever
 * connected it from Discord (DISCORD_TOKEN); otherwise Slack DMs through the OAuth installations or
 * the single bot token; without either, a warning in the log (and `sabio sources`).
 */
export function sourceAlertsFromEnv(services: Services): SourceAlerts {
  const { env, logger } = services;
  const otherwise = slackOrLogAlerts(services);
  if (!env.DISCORD_TOKEN) return otherwise;
  // Few, short retries: a sync waits for its alert.
  const rest = new REST({ api: env.DISCORD_API_URL, retries: 1, timeout: 10_000 }).setToken(
    env.DISCORD_TOKEN,
  );
  return routeSourceAlerts({ discord: createDiscordSourceAlerts({ rest, logger }), otherwise });
}

function slackOrLogAlerts(services: Services): SourceAlerts {
  const { env, logger } = services;
  if (slackOAuthConfigured(env)) {
    return createSlackSourceAlerts({
      clientFor: async (workspaceId) => (await slackOAuthFor(services)).clientFor({ workspaceId }),
      logger,
    });
  }
  if (env.SLACK_BOT_TOKEN) {
    return createSlackSourceAlerts({
      clientFor: botTokenAlertClient({
        botToken: env.SLACK_BOT_TOKEN,
        slackApiUrl: env.SLACK_API_URL,
        workspaceId: env.SABIO_WORKSPACE,
      }),
      logger,
    });
  }
  return {
    async needsReauth(connection, message) {
      logger.warn({ connectionId: connection.id, workspaceId: connection.workspaceId }, message);
    },
  };
}
