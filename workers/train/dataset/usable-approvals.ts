import { parseServedRecord } from "#shared/answers/served-record.ts";
import { changedPinsOfMany } from "#shared/approvals/approval-pins.ts";
import type { Db } from "#shared/db/database.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { StoredApproval } from "./load-approvals.ts";
import type { UsableApproval } from "./usable-approval.ts";

/**
 * The approvals that can be trained on, and why each other one can't: no answer, no served record
 * (answered before records were kept), served from the answer bank (its original approval is the
 * example), or stale (a cited document changed or went since it was approved).
 */
export async function usableApprovals(
  db: Db,
  stored: readonly StoredApproval[],
): Promise<{ usable: UsableApproval[]; skipped: { questionId: string; reason: string }[] }> {
  const skipped: { questionId: string; reason: string }[] = [];
  const candidates: UsableApproval[] = [];
  for (const approval of stored) {
    const skip = (reason: string) => skipped.push({ questionId: approval.questionId, reason });
    if (approval.answerText === null) {
      skip("not answered");
      continue;
    }
    if (approval.served === null || approval.served === undefined) {
      skip("no served record (answered before served records were kept)");
      continue;
    }
    let served: ReturnType<typeof parseServedRecord>;
    try {
      served = parseServedRecord(approval.served);
    } catch {
      skip("served record unreadable");
      continue;
    }
    if (approval.answerMode === "approved" || served.mode === "approved") {
      skip("served from the answer bank (the approval it reused is the example)");
      continue;
    }
    candidates.push({
      questionId: approval.questionId,
      questionCreatedAt: approval.questionCreatedAt,
      approvedAt: approval.approvedAt,
      corrected: approval.correctedText !== null,
      answer: approval.correctedText ?? approval.answerText,
      served,
    });
  }
  const pins = new Map(stored.map((approval) => [approval.questionId, approval.pins]));
  const changes = await changedPinsOfMany(
    db,
    candidates.map((candidate) => ({
      questionId: candidate.questionId,
      pins: pins.get(candidate.questionId) ?? [],
    })),
  );
  const usable = candidates.filter((candidate) => {
    const changed = changes.get(candidate.questionId) ?? [];
    if (changed.length === 0) return true;
    const what = changed.map((change) => `${change.title} ${change.change}`).join(", ");
    skipped.push({ questionId: candidate.questionId, reason: `stale: ${what}` });
    return false;
  });
  return { usable, skipped };
}

/** Nothing left to train on: say why, by reason. */
export function nothingUsable(workspaceId: string, skipped: readonly { reason: string }[]): AppError {
  const byReason = new Map<string, number>();
  for (const { reason } of skipped) {
    const kind = reason.startsWith("stale") ? "stale" : reason;
    byReason.set(kind, (byReason.get(kind) ?? 0) + 1);
  }
  const reasons = [...byReason].map(([reason, count]) => `${count} ${reason}`).join(", ");
  const stale = byReason.has("stale");
  return new AppError(
    ErrorCode.InvalidInput,
    `No approved answer of workspace "${workspaceId}" can be trained on (${reasons}).`,
    {
      hint: stale
        ? `A stale approval's sources changed since it was approved: review them with \`sabio approvals --workspace ${workspaceId} --state stale\` and re-approve with \`sabio approve\`.`
        : "Approve answers given since served records were kept, then build the dataset again.",
    },
  );
}
