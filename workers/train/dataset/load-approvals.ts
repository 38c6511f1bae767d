import { asc, eq } from "drizzle-orm";
import type { Db } from "#shared/db/database.ts";
import { type AnswerMode, type ApprovalPin, answers, approvals, questions } from "#shared/db/schema.ts";
import { selectQuestions } from "#shared/db/select-questions.ts";

/** One approval of the workspace with what it approved, as stored. */
export interface StoredApproval {
  questionId: string;
  question: string;
  questionCreatedAt: Date;
  /** Null when the question has no answer any more. */
  answerText: string | null;
  answerMode: AnswerMode | null;
  served: unknown;
  correctedText: string | null;
  pins: ApprovalPin[];
  /** The approval's last change: approved, corrected or re-pinned. */
  approvedAt: Date;
}

/** Every approval of a workspace, oldest question first. */
export async function loadApprovals(db: Db, workspaceId: string): Promise<StoredApproval[]> {
  const rows = await selectQuestions(
    db,
    {
      questionId: approvals.questionId,
      question: questions.text,
      questionCreatedAt: questions.createdAt,
      answerText: answers.text,
      answerMode: answers.mode,
      served: answers.served,
      correctedText: approvals.correctedText,
      pins: approvals.pins,
      updatedAt: approvals.updatedAt,
      pinnedAt: approvals.pinnedAt,
    },
    { approval: "required", answer: "optional" },
  )
    .where(eq(questions.workspaceId, workspaceId))
    .orderBy(asc(questions.createdAt), asc(questions.id));
  return rows.map(({ updatedAt, pinnedAt, ...row }) => ({
    ...row,
    approvedAt: new Date(Math.max(updatedAt.getTime(), pinnedAt.getTime())),
  }));
}
