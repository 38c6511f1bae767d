import { desc, eq } from "drizzle-orm";
import type { Db } from "#shared/db/database.ts";
import { pendingApprovals } from "#shared/db/pending-approvals.ts";
import { answers, approvals, questions } from "#shared/db/schema.ts";
import { selectQuestions } from "#shared/db/select-questions.ts";
import type { PlatformUser } from "#shared/platform/platform.ts";
import { changedPins, changedPinsOfMany, type PinChange } from "./approval-pins.ts";

/**
 * pending: a model-written answer nobody approved yet; approved: approved and every cited document
 * unchanged; stale: approved, but a cited document changed or went since (computed, never stored).
 */
export type ApprovalState = "pending" | "approved" | "stale";

export interface ApprovalListing {
  questionId: string;
  question: string;
  state: ApprovalState;
  /** Null while pending. */
  approvedBy: PlatformUser | null;
  /** What changed under a stale approval; empty otherwise. */
  changed: PinChange[];
}

export interface ListApprovalsOptions {
  state?: ApprovalState;
  /** At most this many (default: all). */
  limit?: number;
}

/** The order approvers work in: what went stale first, then what waits, then what stands. */
const stateOrder: readonly ApprovalState[] = ["stale", "pending", "approved"];

/** A workspace's answers by approval state, newest first within each state. */
export async function listApprovals(
  db: Db,
  workspaceId: string,
  options: ListApprovalsOptions = {},
): Promise<ApprovalListing[]> {
  const wanted = options.state ? [options.state] : stateOrder;
  const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
  const listings: ApprovalListing[] = [];
  if (wanted.includes("stale") || wanted.includes("approved")) {
    // Stale is computed from the documents, so every approval is read and checked.
    const rows = await approvalRows(db, workspaceId);
    const changes = await changedPinsOfMany(db, rows);
    for (const row of rows) {
      const changed = changes.get(row.questionId) ?? [];
      listings.push({
        questionId: row.questionId,
        question: row.question,
        state: changed.length > 0 ? "stale" : "approved",
        approvedBy: { platform: row.approvedByPlatform, userId: row.approvedBy },
        changed,
      });
    }
  }
  if (wanted.includes("pending")) {
    const pending = await pendingApprovals(db, workspaceId, Math.min(limit, 2_147_483_647));
    for (const row of pending) {
      listings.push({
        questionId: row.questionId,
        question: row.question,
        state: "pending",
        approvedBy: null,
        changed: [],
      });
    }
  }
  return wanted.flatMap((state) => listings.filter((listing) => listing.state === state)).slice(0, limit);
}

/** One question's approval state; undefined when it has no answer an approver would review. */
export async function approvalStateOf(db: Db, questionId: string): Promise<ApprovalListing | undefined> {
  const [row] = await selectQuestions(
    db,
    {
      questionId: questions.id,
      question: questions.text,
      mode: answers.mode,
      approvedByPlatform: approvals.approvedByPlatform,
      approvedBy: approvals.approvedBy,
      pins: approvals.pins,
    },
    { answer: "required", approval: "optional" },
  ).where(eq(questions.id, questionId));
  if (!row) return undefined;
  const base = { questionId: row.questionId, question: row.question };
  if (row.approvedBy === null || row.approvedByPlatform === null || row.pins === null) {
    return row.mode === "generated"
      ? { ...base, state: "pending", approvedBy: null, changed: [] }
      : undefined;
  }
  const changed = await changedPins(db, row.pins);
  return {
    ...base,
    state: changed.length > 0 ? "stale" : "approved",
    approvedBy: { platform: row.approvedByPlatform, userId: row.approvedBy },
    changed,
  };
}

async function approvalRows(db: Db, workspaceId: string) {
  return selectQuestions(
    db,
    {
      questionId: approvals.questionId,
      question: questions.text,
      approvedByPlatform: approvals.approvedByPlatform,
      approvedBy: approvals.approvedBy,
      pins: approvals.pins,
    },
    { approval: "required" },
  )
    .where(eq(questions.workspaceId, workspaceId))
    .orderBy(desc(approvals.pinnedAt), desc(approvals.questionId));
}
