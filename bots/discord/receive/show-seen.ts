import type { Message } from "discord.js";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { seenReaction } from "./question-reply-texts.ts";

/**
 * 👀 on the question and the typing indicator, sent side by side: the asker sees at once that the
 * question was taken. Failures (no permission to react) are logged; the answer still comes.
 */
export async function showSeen(message: Message, log: Logger): Promise<void> {
  const channel = message.channel;
  await Promise.all([
    message.react(seenReaction).catch((error: unknown) => {
      log.warn({ err: errorMessage(error) }, "could not react to the question");
    }),
    ("sendTyping" in channel ? channel.sendTyping() : Promise.resolve()).catch((error: unknown) => {
      log.warn({ err: errorMessage(error) }, "could not show the typing indicator");
    }),
  ]);
}
