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
 * documents as they are now, since the approver saw what changed. Either way only documents with a
 * known hash are pinned: one already gone is not part of what the approver vouches for (and a pin
 * of nothing would read as "removed" forever). A standing approval keeps its pins.
 */
export async function approvalPinning(db: Db, loaded: AnsweredQuestion): Promise<ApprovalPinning> {
  const { answer, approval } = loaded;
  if (!approval) {
    const served = servedRecordSchema.safeParse(answer.served);
    return {
      pins: known(await pinsOf(db, { sources: answer.sources, served: served.success ? served.data : null })),
    };
  }
  if ((await changedPins(db, approval.pins)).length === 0) return {};
  return { pins: known(await pinsOf(db, { sources: answer.sources, served: null })), repin: true };
}

function known(pins: ApprovalPin[]): ApprovalPin[] {
  return pins.filter((pin) => pin.contentHash !== null);
}
