import { type APIChannel, DiscordAPIError, type REST, Routes } from "discord.js";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";

/** How a DM that did not go through is logged: the alert's own fields and line. */
export interface DmFailureLog {
  logger: Logger;
  fields: Record<string, unknown>;
  message: string;
}

/**
 * DMs an alert to each of these Discord users, mentioning nobody; returns how many got it. Never
 * throws: a DM that fails (closed DMs: 403, 50007) is a warning with Discord's status and code, and
 * the others still go.
 */
export async function dmDiscordUsers(
  rest: REST,
  userIds: readonly string[],
  content: string,
  failure: DmFailureLog,
): Promise<number> {
  let sent = 0;
  for (const userId of userIds) {
    try {
      const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
      await rest.post(Routes.channelMessages(dm.id), {
        body: { content, allowed_mentions: { parse: [] } },
      });
      sent += 1;
    } catch (error) {
      const discord = error instanceof DiscordAPIError ? { status: error.status, code: error.code } : {};
      failure.logger.warn(
        { err: errorMessage(error), ...discord, ...failure.fields, userId },
        failure.message,
      );
    }
  }
  return sent;
}
