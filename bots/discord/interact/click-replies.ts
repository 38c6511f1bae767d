import type { PlatformUser } from "#shared/platform/platform.ts";

/** What the person who clicked is told, privately, when a click does not do what they wanted. */
export const clickReplies = {
  unavailable: "This answer is no longer available.",
  notApprover:
    "Only members with **Manage Server**, and the roles and people named in Sabio's approver settings, can approve or correct answers.",
  alreadyApproved: (approvedBy: PlatformUser) =>
    `This answer was already approved by ${approvedBy.platform === "discord" ? `<@${approvedBy.userId}>` : `someone on ${approvedBy.platform}`}.`,
  emptyCorrection:
    "The correction is empty, so nothing was changed. Write the corrected answer, or leave it as it is.",
  dropped: "Dropped that approval: the answer waits for approval again.",
  nothingToDrop: "This answer has no approval to drop (someone dropped it already).",
  failed: "Sorry, that didn't work. Please try again in a moment.",
} as const;
