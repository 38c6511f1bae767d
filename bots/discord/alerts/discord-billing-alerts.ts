import type { REST } from "discord.js";
import { type BillingAlerts, paymentFailedText } from "#shared/billing/billing-alerts.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { discordUserOf } from "./discord-source-alerts.ts";
import { dmDiscordUsers } from "./dm-discord-users.ts";

/**
 * DMs whoever connected the workspace's sources from Discord (`connectedBy` "discord:<user id>")
 * that its payment failed, as training alerts do; nobody else on Discord. Never throws.
 */
export function createDiscordBillingAlerts(options: {
  rest: REST;
  /** Who connected the workspace's sources ("discord:<id>", "slack:<id>", "cli"…). */
  connectedBy(workspaceId: string): Promise<readonly (string | null)[]>;
  logger: Logger;
}): BillingAlerts {
  const logger = options.logger.child({ component: "discord-billing-alerts" });
  return {
    async paymentFailed(workspaceId) {
      try {
        const connectedBy = await options.connectedBy(workspaceId);
        const userIds = [...new Set(connectedBy.flatMap((by) => discordUserOf(by) ?? []))];
        await dmDiscordUsers(options.rest, userIds, paymentFailedText, {
          logger,
          fields: { workspaceId },
          message: "could not DM the admin in Discord that a payment failed",
        });
      } catch (error) {
        logger.warn(
          { err: errorMessage(error), workspaceId },
          "could not tell Discord admins that a payment failed",
        );
      }
    },
  };
}
