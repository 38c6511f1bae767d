import { eq } from "drizzle-orm";
import type { Db } from "#shared/db/database.ts";
import { questions } from "#shared/db/schema.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";

/**
 * Unknown and foreign ids alike are refused; the operator holds the whole database, so naming the
 * other workspace helps. `unanswered` says why a known question without an answer can't be acted on.
 */
export async function unknownQuestion(
  db: Db,
  workspaceId: string,
  questionId: string,
  unanswered = "has no answer to approve yet",
): Promise<AppError> {
  const [row] =
    questionId.length > 64
      ? []
      : await db
          .select({ workspaceId: questions.workspaceId })
          .from(questions)
          .where(eq(questions.id, questionId));
  if (row && row.workspaceId !== workspaceId) {
    return new AppError(
      ErrorCode.InvalidInput,
      `Question ${questionId} belongs to workspace "${row.workspaceId}", not "${workspaceId}".`,
    );
  }
  return new AppError(
    ErrorCode.InvalidInput,
    row
      ? `Question ${questionId} ${unanswered}.`
      : `No question ${questionId} in workspace "${workspaceId}".`,
    { hint: `sabio approvals --workspace ${workspaceId} lists the answers waiting for approval` },
  );
}
