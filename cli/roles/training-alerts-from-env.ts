import { createDiscordTrainingAlerts } from "#bots/discord/alerts/discord-training-alerts.ts";
import { createSlackTrainingAlerts } from "#bots/slack/alerts/slack-training-alerts.ts";
import type { TrainingAlerts } from "#workers/train/schedule/training-alerts.ts";
import type { Services } from "../services.ts";
import { discordAlertRestFromEnv, slackAlertClientFromEnv } from "./alert-senders-from-env.ts";

/**
 * Where this deployment can tell admins that a training run failed, as for source alerts
 * (source-alerts-from-env.ts): Discord DMs when DISCORD_TOKEN is set, Slack DMs through the OAuth
 * installations or the single bot token. Neither = the log line alone.
 */
export function trainingAlertsFromEnv(services: Services): TrainingAlerts[] {
  const { logger } = services;
  const alerts: TrainingAlerts[] = [];
  const clientFor = slackAlertClientFromEnv(services);
  if (clientFor) alerts.push(createSlackTrainingAlerts({ clientFor, logger }));
  const rest = discordAlertRestFromEnv(services);
  if (rest) alerts.push(createDiscordTrainingAlerts({ rest, logger }));
  return alerts;
}
