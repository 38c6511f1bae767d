import type { FeedbackTally } from "#shared/db/feedback-repository.ts";
import type { ApprovalRow } from "#shared/db/schema.ts";
import type { ReviewState } from "#shared/platform/platform.ts";

/** The stored approval and votes as the state every platform renders. */
export function reviewStateOf(approval: ApprovalRow | undefined, tally: FeedbackTally): ReviewState {
  return {
    ...(approval
      ? {
          approvedBy: { platform: approval.approvedByPlatform, userId: approval.approvedBy },
          corrected: approval.correctedText !== null,
        }
      : {}),
    feedback: { up: tally.up, down: tally.down },
  };
}
