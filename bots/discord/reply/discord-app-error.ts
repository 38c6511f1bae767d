import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from "discord.js";
import { AppError, ErrorCode, isAppError, isRetryableStatus } from "#shared/errors/app-error.ts";

/** What the person running Sabio can do about a Discord refusal. */
const hints: Partial<Record<number, string>> = {
  [RESTJSONErrorCodes.MissingAccess]: "The bot cannot see that channel: give it View Channel there.",
  [RESTJSONErrorCodes.MissingPermissions]:
    "The bot lacks a permission there (Send Messages, Send Messages in Threads, Embed Links).",
  [RESTJSONErrorCodes.UnknownChannel]: "The channel or thread is gone.",
};

/**
 * A discord.js REST failure as an AppError, retryable for 5xx, rate limits and network failures
 * (discord.js has already waited out 429s and retried 5xx itself by then). Anything else unchanged.
 */
export function discordAppError(error: unknown, action: string): unknown {
  if (isAppError(error)) return error;
  if (error instanceof DiscordAPIError) {
    const hint = typeof error.code === "number" ? hints[error.code] : undefined;
    return new AppError(
      ErrorCode.UpstreamError,
      `Discord ${action} failed: ${error.status} ${error.code} ${error.message}${hint ? `. ${hint}` : ""}`,
      { retryable: isRetryableStatus(error.status), cause: error },
    );
  }
  if (error instanceof HTTPError || error instanceof RateLimitError) {
    return new AppError(ErrorCode.UpstreamError, `Discord ${action} failed: ${error.message}`, {
      retryable: true,
      cause: error,
    });
  }
  return error;
}

/** The message (or the interaction's webhook) is gone: a new message is the way on. */
export function isGoneMessage(error: unknown): boolean {
  const cause = isAppError(error) ? error.cause : error;
  return (
    cause instanceof DiscordAPIError &&
    (cause.code === RESTJSONErrorCodes.UnknownMessage || cause.code === RESTJSONErrorCodes.UnknownWebhook)
  );
}
