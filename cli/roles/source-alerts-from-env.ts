import { createDiscordSourceAlerts } from "#bots/discord/alerts/discord-source-alerts.ts";
import { createSlackSourceAlerts } from "#bots/slack/alerts/slack-source-alerts.ts";
import { routeSourceAlerts } from "#connectors/sources/route-source-alerts.ts";
import type { SourceAlerts } from "#connectors/sources/source-alerts.ts";
import type { Services } from "../services.ts";
import { discordAlertRestFromEnv, slackAlertClientFromEnv } from "./alert-senders-from-env.ts";

/**
 * How this deployment tells admins that a connection needs re-auth: a Discord DM to whoever
 * connected it from Discord (DISCORD_TOKEN); otherwise Slack DMs through the OAuth installations or
 * the single bot token; without either, a warning in the log (and `sabio sources`).
 */
export function sourceAlertsFromEnv(services: Services): SourceAlerts {
  const { logger } = services;
  const otherwise = slackOrLogAlerts(services);
  const rest = discordAlertRestFromEnv(services);
  if (!rest) return otherwise;
  return routeSourceAlerts({ discord: createDiscordSourceAlerts({ rest, logger }), otherwise });
}

function slackOrLogAlerts(services: Services): SourceAlerts {
  const { logger } = services;
  const clientFor = slackAlertClientFromEnv(services);
  if (clientFor) return createSlackSourceAlerts({ clientFor, logger });
  return {
    async needsReauth(connection, message) {
      logger.warn({ connectionId: connection.id, workspaceId: connection.workspaceId }, message);
    },
  };
}
