import type { Message } from "discord.js";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";

/** A short line of the bot's own (help, too long, unavailable) as a reply to the message; pings no one. */
export async function replyToQuestion(message: Message, content: string, log: Logger): Promise<void> {
  await message
    .reply({ content, allowedMentions: { parse: [], repliedUser: false } })
    .catch((error: unknown) => log.warn({ err: errorMessage(error) }, "could not reply to the question"));
}
