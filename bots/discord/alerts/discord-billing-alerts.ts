import type { REST } from "discord.js";
import { type BillingAlerts, paymentFailedText } from "#shared/billing/billing-alerts.ts";
import { type TrialEndingAlerts, trialEndingText } from "#shared/billing/webhooks/trial-ending-alerts.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { discordUserOf } from "./discord-source-alerts.ts";
import { dmDiscordUsers } from "./dm-discord-users.ts";

/**
 * DMs whoever connected the workspace's sources from Discord (`connectedBy` "discord:<user id>")
 * that its payment failed or its trial ends soon, as training alerts do; nobody else on Discord.
 * Never throws.
 */
export function createDiscordBillingAlerts(options: {
  rest: REST;
  /** Who connected the workspace's sources ("discord:<id>", "slack:<id>", "cli"…). */
  connectedBy(workspaceId: string): Promise<readonly (string | null)[]>;
  logger: Logger;
}): BillingAlerts & TrialEndingAlerts {
  const logger = options.logger.child({ component: "discord-billing-alerts" });
  const dmConnectors = async (workspaceId: string, text: string, what: string) => {
    try {
      const connectedBy = await options.connectedBy(workspaceId);
      const userIds = [...new Set(connectedBy.flatMap((by) => discordUserOf(by) ?? []))];
      await dmDiscordUsers(options.rest, userIds, text, {
        logger,
        fields: { workspaceId },
        message: `could not DM the admin in Discord that ${what}`,
      });
    } catch (error) {
      logger.warn({ err: errorMessage(error), workspaceId }, `could not tell Discord admins that ${what}`);
    }
  };
  return {
    paymentFailed: (workspaceId) => dmConnectors(workspaceId, paymentFailedText, "a payment failed"),
    trialEnding: (notice) =>
      dmConnectors(notice.workspaceId, trialEndingText(notice.trialEndsAt), "the trial ends soon"),
  };
}
