import { createDiscordBillingAlerts } from "#bots/discord/alerts/discord-billing-alerts.ts";
import { createSlackBillingAlerts } from "#bots/slack/alerts/slack-billing-alerts.ts";
import type { BillingAlerts } from "#shared/billing/billing-alerts.ts";
import type { TrialEndingAlerts } from "#shared/billing/webhooks/trial-ending-alerts.ts";
import { listSourceConnections } from "#shared/db/source-connection-repository.ts";
import type { Services } from "../services.ts";
import { discordAlertRestFromEnv, slackAlertClientFromEnv } from "./alert-senders-from-env.ts";

/**
 * Where past-due warnings go, by the training alerts' route: Slack admins through the OAuth
 * installations or the single bot token, and on Discord (DISCORD_TOKEN) whoever connected the
 * workspace's sources from there. Neither = the log warning alone.
 */
export function billingAlertsFromEnv(services: Services): BillingAlerts | undefined {
  const { logger } = services;
  const alerts: BillingAlerts[] = [];
  const clientFor = slackAlertClientFromEnv(services);
  if (clientFor) alerts.push(createSlackBillingAlerts({ clientFor, logger }));
  const rest = discordAlertRestFromEnv(services);
  if (rest) {
    const connectedBy = async (workspaceId: string) =>
      (await listSourceConnections((await services.database()).db, workspaceId)).map(
        (connection) => connection.connectedBy,
      );
    alerts.push(createDiscordBillingAlerts({ rest, connectedBy, logger }));
  }
  if (alerts.length === 0) return undefined;
  return {
    // Each platform's alerts never throw: one being down does not keep the other from its admins.
    paymentFailed: async (workspaceId) => {
      await Promise.all(alerts.map((platform) => platform.paymentFailed(workspaceId)));
    },
  };
}

/** Where the web role's "trial ends soon" DMs go: the past-due warning's Slack admins; none = the log line alone. */
export function trialEndingAlertsFromEnv(services: Services): TrialEndingAlerts | undefined {
  const clientFor = slackAlertClientFromEnv(services);
  return clientFor ? createSlackBillingAlerts({ clientFor, logger: services.logger }) : undefined;
}
