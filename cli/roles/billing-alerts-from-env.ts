import { createDiscordBillingAlerts } from "#bots/discord/alerts/discord-billing-alerts.ts";
import { createSlackBillingAlerts } from "#bots/slack/alerts/slack-billing-alerts.ts";
import type { BillingAlerts } from "#shared/billing/billing-alerts.ts";
import type { TrialEndingAlerts } from "#shared/billing/webhooks/trial-ending-alerts.ts";
import { listSourceConnections } from "#shared/db/source-connection-repository.ts";
import type { Services } from "../services.ts";
import { discordAlertRestFromEnv, slackAlertClientFromEnv } from "./alert-senders-from-env.ts";

type PlatformBillingAlerts = BillingAlerts & TrialEndingAlerts;

/**
 * Where past-due warnings and "trial ends soon" notices go, by the training alerts' route: Slack
 * admins through the OAuth installations or the single bot token, and on Discord (DISCORD_TOKEN)
 * whoever connected the workspace's sources from there. Neither = the log line alone.
 */
export function billingAlertsFromEnv(services: Services): PlatformBillingAlerts | undefined {
  const { logger } = services;
  const alerts: PlatformBillingAlerts[] = [];
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
  // Each platform's alerts never throw: one being down does not keep the other from its admins.
  const everyPlatform = async (send: (platform: PlatformBillingAlerts) => Promise<void>) => {
    await Promise.all(alerts.map(send));
  };
  return {
    paymentFailed: (workspaceId) => everyPlatform((platform) => platform.paymentFailed(workspaceId)),
    trialEnding: (notice) => everyPlatform((platform) => platform.trialEnding(notice)),
  };
}
