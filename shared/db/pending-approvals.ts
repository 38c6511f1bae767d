import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "./database.ts";
import { answers, approvals, questions } from "./schema.ts";
import { selectQuestions } from "./select-questions.ts";

export interface PendingApproval {
  questionId: string;
  question: string;
  answer: string;
  createdAt: Date;
}

/**
 * Model-written answers nobody has approved yet, newest first: what an approver reviews on the App
 * Home. Extractive answers quote the documents, so they need no seal.
 */
export async function pendingApprovals(
  db: Db,
  workspaceId: string,
  limit: number,
): Promise<PendingApproval[]> {
  return selectQuestions(
    db,
    {
      questionId: questions.id,
      question: questions.text,
      answer: answers.text,
      createdAt: answers.createdAt,
    },
    { answer: "required", approval: "optional" },
  )
    .where(
      and(
        eq(questions.workspaceId, workspaceId),
        eq(answers.mode, "generated"),
        isNull(approvals.questionId),
      ),
    )
    .orderBy(desc(answers.createdAt), desc(answers.id))
    .limit(limit);
}
