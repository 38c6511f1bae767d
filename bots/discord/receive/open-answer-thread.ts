import { DiscordAPIError, type Message, RESTJSONErrorCodes } from "discord.js";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";

/** Discord's limit on a thread's name. */
export const maxThreadNameLength = 100;

/** The question on one line, cut to fit a thread name (with an ellipsis when cut). */
export function threadNameFor(question: string): string {
  const line = question.replace(/\s+/g, " ").trim();
  if (line.length <= maxThreadNameLength) return line;
  return `${line.slice(0, maxThreadNameLength - 1).trimEnd()}…`;
}

/**
 * Starts the public thread the answer goes in, on the question message (the thread takes the
 * message's id). Undefined when the bot may not create threads there (403, 50013) or Discord
 * fails: the answer then goes in the channel, replying to the question.
 */
export async function openAnswerThread(
  message: Message,
  question: string,
  log: Logger,
): Promise<string | undefined> {
  try {
    const thread = await message.startThread({ name: threadNameFor(question) });
    return thread.id;
  } catch (error) {
    // Another delivery got here first (a claim given back, then replayed): the thread is there.
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage)
      return message.id;
    const missingPermission =
      error instanceof DiscordAPIError &&
      (error.status === 403 || error.code === RESTJSONErrorCodes.MissingPermissions);
    log.warn(
      { err: errorMessage(error), missingPermission },
      "could not start a thread on the question; answering in the channel",
    );
    return undefined;
  }
}
