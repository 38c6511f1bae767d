import type { PlatformUser } from "#shared/platform/platform.ts";
import { platformUserLabel } from "../format/platform-user-label.ts";

/** What the person who clicked is told, privately, when a click does not do what they wanted. */
export const clickReplies = {
  unavailable: "This answer is no longer available.",
  notApprover:
    "Only workspace admins and owners, and the approvers named in Sabio's settings, can approve or correct answers.",
  alreadyApproved: (approvedBy: PlatformUser) =>
    `This answer was already approved by ${platformUserLabel(approvedBy)}.`,
  failed: "Sorry, that didn't work. Please try again in a moment.",
} as const;
