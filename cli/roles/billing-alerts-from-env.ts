import { createSlackBillingAlerts } from "#bots/slack/alerts/slack-billing-alerts.ts";
import type { BillingAlerts } from "#shared/billing/billing-alerts.ts";
import type { TrialEndingAlerts } from "#shared/billing/webhooks/trial-ending-alerts.ts";
import type { Services } from "../services.ts";
import { slackAlertClientFromEnv } from "./alert-senders-from-env.ts";

/**
 * Where past-due warnings go, by the training alerts' route: Slack admins through the OAuth
 * installations or the single bot token; neither (Discord-only for now) = the log warning alone.
 */
export function billingAlertsFromEnv(services: Services): BillingAlerts | undefined {
  const clientFor = slackAlertClientFromEnv(services);
  return clientFor ? createSlackBillingAlerts({ clientFor, logger: services.logger }) : undefined;
}

/** Where the web role's "trial ends soon" DMs go: the past-due warning's Slack admins; none = the log line alone. */
export function trialEndingAlertsFromEnv(services: Services): TrialEndingAlerts | undefined {
  const clientFor = slackAlertClientFromEnv(services);
  return clientFor ? createSlackBillingAlerts({ clientFor, logger: services.logger }) : undefined;
}
