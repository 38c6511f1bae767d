import type { WebClient } from "@slack/web-api";
import { type BillingAlerts, paymentFailedText } from "#shared/billing/billing-alerts.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { dmConnectorsOrAdmins } from "./dm-connectors-or-admins.ts";

/** DMs the Slack workspace's admins and owners that a payment failed, as training alerts do. Never throws. */
export function createSlackBillingAlerts(options: {
  clientFor(workspaceId: string): Promise<WebClient | undefined>;
  logger: Logger;
}): BillingAlerts {
  const logger = options.logger.child({ component: "slack-billing-alerts" });
  return {
    async paymentFailed(workspaceId) {
      try {
        const client = await options.clientFor(workspaceId);
        if (!client) return;
        // Billing has no connector to tell first: straight to the admins.
        await dmConnectorsOrAdmins(
          client,
          [],
          { text: paymentFailedText },
          { logger, fields: { workspaceId }, message: "could not DM an admin that a payment failed" },
        );
      } catch (error) {
        logger.warn(
          { err: errorMessage(error), workspaceId },
          "could not warn Slack admins that a payment failed",
        );
      }
    },
  };
}
