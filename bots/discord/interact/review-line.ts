import type { ReviewState } from "#shared/platform/platform.ts";

/** "✅ Approved by @mo · 👍 2 · 👎 1" ("" for an answer nobody reviewed yet). */
export function reviewLine(review: ReviewState | undefined): string {
  const parts: string[] = [];
  if (review?.approvedBy) {
    const { platform, userId } = review.approvedBy;
    const who = platform === "discord" ? `<@${userId}>` : `someone on ${platform}`;
    parts.push(`✅ ${review.corrected ? "Corrected and approved" : "Approved"} by ${who}`);
  }
  const up = review?.feedback?.up ?? 0;
  const down = review?.feedback?.down ?? 0;
  if (up > 0 || down > 0) parts.push(`👍 ${up} · 👎 ${down}`);
  return parts.join(" · ");
}
