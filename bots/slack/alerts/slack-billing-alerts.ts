import type { WebClient } from "@slack/web-api";
import { type BillingAlerts, paymentFailedText } from "#shared/billing/billing-alerts.ts";
import { type TrialEndingAlerts, trialEndingText } from "#shared/billing/webhooks/trial-ending-alerts.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { dmConnectorsOrAdmins } from "./dm-connectors-or-admins.ts";

/**
 * DMs the Slack workspace's admins and owners that a payment failed or the trial ends soon, as
 * training alerts do. Never throws.
 */
export function createSlackBillingAlerts(options: {
  clientFor(workspaceId: string): Promise<WebClient | undefined>;
  logger: Logger;
}): BillingAlerts & TrialEndingAlerts {
  const logger = options.logger.child({ component: "slack-billing-alerts" });
  const dmAdmins = async (workspaceId: string, text: string, what: string) => {
    try {
      const client = await options.clientFor(workspaceId);
      if (!client) return;
      // Billing has no connector to tell first: straight to the admins.
      await dmConnectorsOrAdmins(
        client,
        [],
        { text },
        { logger, fields: { workspaceId }, message: `could not DM an admin that ${what}` },
      );
    } catch (error) {
      logger.warn({ err: errorMessage(error), workspaceId }, `could not tell Slack admins that ${what}`);
    }
  };
  return {
    paymentFailed: (workspaceId) => dmAdmins(workspaceId, paymentFailedText, "a payment failed"),
    trialEnding: (notice) =>
      dmAdmins(notice.workspaceId, trialEndingText(notice.trialEndsAt), "the trial ends soon"),
  };
}
