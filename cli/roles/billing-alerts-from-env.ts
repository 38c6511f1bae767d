import { botTokenAlertClient } from "#bots/slack/alerts/bot-token-alert-client.ts";
import { createSlackBillingAlerts } from "#bots/slack/alerts/slack-billing-alerts.ts";
import type { BillingAlerts } from "#shared/billing/billing-alerts.ts";
import type { Services } from "../services.ts";
import { slackOAuthConfigured } from "./configured-roles.ts";
import { slackOAuthFor } from "./slack-oauth.ts";

/**
 * Where past-due warnings go, by the training alerts' route: Slack admins through the OAuth
 * installations or the single bot token; neither (Discord-only for now) = the log warning alone.
 */
export function billingAlertsFromEnv(services: Services): BillingAlerts | undefined {
  const { env, logger } = services;
  if (slackOAuthConfigured(env)) {
    return createSlackBillingAlerts({
      clientFor: async (workspaceId) => (await slackOAuthFor(services)).clientFor({ workspaceId }),
      logger,
    });
  }
  if (env.SLACK_BOT_TOKEN) {
    return createSlackBillingAlerts({
      clientFor: botTokenAlertClient({
        botToken: env.SLACK_BOT_TOKEN,
        slackApiUrl: env.SLACK_API_URL,
        workspaceId: env.SABIO_WORKSPACE,
      }),
      logger,
    });
  }
  return undefined;
}
