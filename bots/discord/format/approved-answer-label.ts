import type { PlatformUser } from "#shared/platform/platform.ts";
import { shortenText } from "#shared/text/shorten-text.ts";
import { plainDiscordText } from "../commands/plain-discord-text.ts";

/**
 * "✅ Approved answer, by @mo" for an answer reused from the answer bank: a Discord approver as a
 * mention (allowedMentions keeps it from pinging), an operator's CLI name as plain text, anyone
 * else as review-line.ts names them.
 */
export function approvedAnswerLabel(approvedBy: PlatformUser | undefined): string {
  if (!approvedBy) return "-# ✅ Approved answer";
  const { platform, userId } = approvedBy;
  const who =
    platform === "discord" && /^\d+$/.test(userId)
      ? `<@${userId}>`
      : platform === "cli"
        ? plainDiscordText(shortenText(userId, 80))
        : `someone on ${platform}`;
  return `-# ✅ Approved answer, by ${who}`;
}
