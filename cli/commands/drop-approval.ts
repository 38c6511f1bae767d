import { approvalStateOf } from "#shared/approvals/approval-states.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { loadAnsweredQuestion } from "#shared/review/load-answered-question.ts";
import { createReviewService } from "#shared/review/review-service.ts";
import { type Output, printJson } from "../output.ts";
import type { Services } from "../services.ts";
import { describeChanges, oneLine } from "./approval-text.ts";
import { unknownQuestion } from "./unknown-question.ts";

/**
 * `sabio approve --drop`: deletes the approval (a stale one nobody will vouch for again, or a wrong
 * one); the answer waits for approval again. The answer bank's index row goes with it (a cascade),
 * and the bank serves only answers whose approval it finds at look-up, so it is never served again.
 * No approval to drop is not an error (exit 0, `dropped: false`): the wanted end state holds, so a
 * script may repeat the command.
 */
export async function dropApproval(
  services: Services,
  request: { workspaceId: string; questionId: string; json: boolean },
  output: Output,
): Promise<number> {
  const { workspaceId, questionId } = request;
  const { db } = await services.database();
  const unanswered = "has no answer, so no approval to drop";
  const loaded = await loadAnsweredQuestion(db, workspaceId, questionId);
  if (!loaded) throw await unknownQuestion(db, workspaceId, questionId, unanswered);
  const before = await approvalStateOf(db, questionId);
  // Whoever can run the CLI holds the database: every operator is an approver.
  const review = createReviewService<undefined>({
    database: db,
    approvers: { isApprover: async () => true },
  });
  const result = await review.drop({
    workspaceId,
    questionId,
    reviewer: { platform: "cli", userId: "cli" },
    context: undefined,
  });
  if (result.kind === "unavailable") throw await unknownQuestion(db, workspaceId, questionId, unanswered);
  if (result.kind === "not-approver")
    throw new AppError(ErrorCode.Internal, "drop was refused (not-approver)");
  // Null: not an answer waiting for approval (quoted passages, "not covered": approve a text with --text-file).
  const state = (await approvalStateOf(db, questionId))?.state ?? null;
  if (request.json) {
    printJson(output, { questionId, dropped: result.changed, state });
    return 0;
  }
  const quoted = `"${oneLine(loaded.question.text, 80)}"`;
  if (!result.changed) {
    output.out(`The answer to ${quoted} has no approval; nothing to drop.`);
    return 0;
  }
  const wasStale = before?.state === "stale" ? ` (it was stale: ${describeChanges(before.changed)})` : "";
  output.out(
    `Dropped the approval of the answer to ${quoted}${wasStale}. ${
      state === "pending" ? "It waits for approval again." : "It is no longer approved."
    }`,
  );
  return 0;
}
