import type { WebClient } from "@slack/web-api";
import { type BillingAlerts, paymentFailedText } from "#shared/billing/billing-alerts.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { workspaceAdmins } from "./workspace-admins.ts";

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
        for (const userId of await workspaceAdmins(client)) {
          await client.chat
            .postMessage({ channel: userId, text: paymentFailedText, unfurl_links: false })
            .catch((error: unknown) =>
              logger.warn(
                { err: errorMessage(error), workspaceId, userId },
                "could not DM an admin that a payment failed",
              ),
            );
        }
      } catch (error) {
        logger.warn(
          { err: errorMessage(error), workspaceId },
          "could not warn Slack admins that a payment failed",
        );
      }
    },
  };
}
