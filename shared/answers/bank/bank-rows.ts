import { and, count, eq, gt, inArray, isNull, max, or, sql } from "drizzle-orm";
import type { Db } from "#shared/db/database.ts";
import {
  type AnswerSource,
  type ApprovalPin,
  answerBank,
  answers,
  approvals,
  questions,
} from "#shared/db/schema.ts";
import { selectQuestions } from "#shared/db/select-questions.ts";

/** One indexed approval as the look-up needs it. */
export interface BankRow {
  questionId: string;
  question: string;
  embedding: Float32Array | null;
  embedModel: string | null;
  indexedAt: number;
  /**
   * Whether it may be served: its answer cites something (else nothing could ever make it stale)
   * and was given to a question on its own, not a follow-up read with its thread.
   */
  servable: boolean;
}

/** An approval to (re-)index: its question text. */
export interface UnindexedApproval {
  questionId: string;
  question: string;
}

/** An approved answer, as served: the approval and the answer it approved. */
export interface ApprovedAnswerRow {
  questionId: string;
  workspaceId: string;
  question: string;
  approvedByPlatform: string;
  approvedBy: string;
  correctedText: string | null;
  pins: ApprovalPin[];
  text: string;
  sources: AnswerSource[];
}

/** When the workspace's bank last changed by an addition or re-indexing (an index-only read). */
export async function bankLatest(db: Db, workspaceId: string): Promise<number | null> {
  // Epoch milliseconds from the database itself: drivers return an aggregate's timestamp as text.
  const [row] = await db
    .select({ latest: sql<string | number | null>`extract(epoch from ${max(answerBank.indexedAt)}) * 1000` })
    .from(answerBank)
    .where(eq(answerBank.workspaceId, workspaceId));
  return row?.latest == null ? null : Math.round(Number(row.latest));
}

/** How many approvals the workspace's bank holds: a drop shows only here. */
export async function bankRowCount(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ rows: count() })
    .from(answerBank)
    .where(eq(answerBank.workspaceId, workspaceId));
  return row?.rows ?? 0;
}

/** The workspace's indexed approvals, or only those (re-)indexed after `since`. */
export async function bankRows(db: Db, workspaceId: string, since?: number): Promise<BankRow[]> {
  const rows = await selectQuestions(
    db,
    {
      questionId: answerBank.questionId,
      question: questions.text,
      embedding: answerBank.embedding,
      embedModel: answerBank.embedModel,
      indexedAt: answerBank.indexedAt,
      servable: sql<boolean>`jsonb_array_length(${answers.sources}) > 0
        and coalesce(jsonb_array_length(${answers.served}->'history'), 0) = 0`,
    },
    { bank: "required", answer: "required" },
  ).where(
    and(
      eq(answerBank.workspaceId, workspaceId),
      since === undefined ? undefined : gt(answerBank.indexedAt, new Date(since)),
    ),
  );
  return rows.map((row) => ({
    questionId: row.questionId,
    question: row.question,
    embedding: row.embedding ? decodeVector(row.embedding) : null,
    embedModel: row.embedModel,
    indexedAt: row.indexedAt.getTime(),
    servable: Boolean(row.servable),
  }));
}

/** Writes (or rewrites) an approval's index row; a null vector = matched lexically until filled in. */
export async function writeBankRow(
  db: Db,
  row: {
    questionId: string;
    workspaceId: string;
    embedding: readonly number[] | null;
    embedModel: string | null;
  },
): Promise<void> {
  const values = {
    questionId: row.questionId,
    workspaceId: row.workspaceId,
    embedding: row.embedding ? encodeVector(row.embedding) : null,
    embedModel: row.embedding ? row.embedModel : null,
    indexedAt: new Date(),
  };
  await db
    .insert(answerBank)
    .values(values)
    .onConflictDoUpdate({ target: answerBank.questionId, set: { ...values, questionId: undefined } });
}

/** The approved question of an approval of this workspace, or undefined (no such approval there). */
export async function approvedQuestion(
  db: Db,
  workspaceId: string,
  questionId: string,
): Promise<UnindexedApproval | undefined> {
  const [row] = await selectQuestions(
    db,
    { questionId: approvals.questionId, question: questions.text },
    { approval: "required" },
  ).where(and(eq(approvals.questionId, questionId), eq(questions.workspaceId, workspaceId)));
  return row;
}

/**
 * Approvals the bank has no row for (approved while nothing listened, or before the bank), and,
 * with an embedder, rows without a vector of its model (approved while it was down, or made by
 * another model).
 */
export async function unindexedApprovals(
  db: Db,
  workspaceId: string,
  embedModel: string | null,
  limit: number,
): Promise<UnindexedApproval[]> {
  const missing = isNull(answerBank.questionId);
  return selectQuestions(
    db,
    { questionId: approvals.questionId, question: questions.text },
    { approval: "required", bank: "optional" },
  )
    .where(
      and(
        eq(questions.workspaceId, workspaceId),
        embedModel === null
          ? missing
          : or(
              missing,
              isNull(answerBank.embedding),
              sql`${answerBank.embedModel} is distinct from ${embedModel}`,
            ),
      ),
    )
    .limit(limit);
}

/** The approved answers of these questions, within the workspace. */
export async function approvedAnswers(
  db: Db,
  workspaceId: string,
  questionIds: readonly string[],
): Promise<ApprovedAnswerRow[]> {
  if (questionIds.length === 0) return [];
  return selectQuestions(
    db,
    {
      questionId: approvals.questionId,
      workspaceId: questions.workspaceId,
      question: questions.text,
      approvedByPlatform: approvals.approvedByPlatform,
      approvedBy: approvals.approvedBy,
      correctedText: approvals.correctedText,
      pins: approvals.pins,
      text: answers.text,
      sources: answers.sources,
    },
    { approval: "required", answer: "required" },
  ).where(and(eq(questions.workspaceId, workspaceId), inArray(approvals.questionId, [...questionIds])));
}

function encodeVector(values: readonly number[]): Uint8Array {
  return new Uint8Array(Float32Array.from(values).buffer);
}

/**
 * Copied out: a driver's Buffer is a view into a shared pool, at an offset a Float32Array may not
 * start at (and Buffer's own slice() copies nothing).
 */
function decodeVector(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4));
}
