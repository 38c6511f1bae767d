import { type APIChannel, DiscordAPIError, type REST, Routes } from "discord.js";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { TrainingAlerts } from "#workers/train/schedule/training-alerts.ts";
import { discordUserOf } from "./discord-source-alerts.ts";
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
      let sent = 0;
      for (const userId of userIds) {
        try {
          const dm = (await options.rest.post(Routes.userChannels(), {
            body: { recipient_id: userId },
          })) as APIChannel;
          await options.rest.post(Routes.channelMessages(dm.id), {
            body: { content: trainingFailedContent(notice), allowed_mentions: { parse: [] } },
          });
          sent += 1;
        } catch (error) {
          const discord = error instanceof DiscordAPIError ? { status: error.status, code: error.code } : {};
          logger.warn(
            { err: errorMessage(error), ...discord, run: notice.run, userId },
            "could not DM the admin in Discord that training failed",
          );
        }
      }
      return sent;
    },
  };
}
