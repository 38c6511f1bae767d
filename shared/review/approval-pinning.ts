import { servedRecordSchema } from "#shared/answers/served-record.ts";
import { changedPins, pinsOf } from "#shared/approvals/approval-pins.ts";
import type { Db } from "#shared/db/database.ts";
import type { ApprovalPin } from "#shared/db/schema.ts";
import type { AnsweredQuestion } from "./load-answered-question.ts";

/** What an approval click stores besides the approver: the pins, and whether they replace old ones. */
export interface ApprovalPinning {
  pins?: ApprovalPin[];
  /** The stored approval went stale: this click re-approves it and the pins start over. */
  repin?: boolean;
}

/**
 * A first approval stands on the hashes the answer was served from (so a document that changed
 * since is stale at once: nobody approved the new text). A stale approval is re-pinned to the
 * documents as they are now, since the approver saw what changed; documents that are gone are left
 * out, as the approver vouches for the text without them. A standing approval keeps its pins.
 */
export async function approvalPinning(db: Db, loaded: AnsweredQuestion): Promise<ApprovalPinning> {
  const { answer, approval } = loaded;
  if (!approval) {
    const served = servedRecordSchema.safeParse(answer.served);
    return {
      pins: await pinsOf(db, { sources: answer.sources, served: served.success ? served.data : null }),
    };
  }
  if ((await changedPins(db, approval.pins)).length === 0) return {};
  const now = await pinsOf(db, { sources: answer.sources, served: null });
  return { pins: now.filter((pin) => pin.contentHash !== null), repin: true };
}
