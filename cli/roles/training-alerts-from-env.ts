import { REST } from "discord.js";
import { createDiscordTrainingAlerts } from "#bots/discord/alerts/discord-training-alerts.ts";
import { botTokenAlertClient } from "#bots/slack/alerts/bot-token-alert-client.ts";
import { createSlackTrainingAlerts } from "#bots/slack/alerts/slack-training-alerts.ts";
import type { TrainingAlerts } from "#workers/train/schedule/training-alerts.ts";
import type { Services } from "../services.ts";
import { slackOAuthConfigured } from "./configured-roles.ts";
import { slackOAuthFor } from "./slack-oauth.ts";

/**
 * Where this deployment can tell admins that a training run failed, as for source alerts
 * (source-alerts-from-env.ts): Discord DMs when DISCORD_TOKEN is set, Slack DMs through the OAuth
 * installations or the single bot token. Neither = the log line alone.
 */
export function trainingAlertsFromEnv(services: Services): TrainingAlerts[] {
  const { env, logger } = services;
  const alerts: TrainingAlerts[] = [];
  if (slackOAuthConfigured(env)) {
    alerts.push(
      createSlackTrainingAlerts({
        clientFor: async (workspaceId) => (await slackOAuthFor(services)).clientFor({ workspaceId }),
        logger,
      }),
    );
  } else if (env.SLACK_BOT_TOKEN) {
    alerts.push(
      createSlackTrainingAlerts({
        clientFor: botTokenAlertClient({
          botToken: env.SLACK_BOT_TOKEN,
          slackApiUrl: env.SLACK_API_URL,
          workspaceId: env.SABIO_WORKSPACE,
        }),
        logger,
      }),
    );
  }
  if (env.DISCORD_TOKEN) {
    const rest = new REST({ api: env.DISCORD_API_URL, retries: 1, timeout: 10_000 }).setToken(
      env.DISCORD_TOKEN,
    );
    alerts.push(createDiscordTrainingAlerts({ rest, logger }));
  }
  return alerts;
}
