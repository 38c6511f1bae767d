import type { REST } from "discord.js";
import type { Logger } from "#shared/log/logger.ts";
import type { TrainingAlerts } from "#workers/train/schedule/training-alerts.ts";
import { discordUserOf } from "./discord-source-alerts.ts";
import { dmDiscordUsers } from "./dm-discord-users.ts";
import { trainingFailedContent } from "./training-failed-content.ts";

/**
 * DMs whoever connected the workspace's sources from Discord (`connectedBy` "discord:<user id>")
 * that its nightly training failed; nobody else on Discord. Never throws.
 */
export function createDiscordTrainingAlerts(options: { rest: REST; logger: Logger }): TrainingAlerts {
  const logger = options.logger.child({ component: "discord-training-alerts" });
  return {
    async trainingFailed(notice, connectedBy) {
      const userIds = [...new Set(connectedBy.flatMap((by) => discordUserOf(by) ?? []))];
      return dmDiscordUsers(options.rest, userIds, trainingFailedContent(notice), {
        logger,
        fields: { run: notice.run },
        message: "could not DM the admin in Discord that training failed",
      });
    },
  };
}
