import { randomUUID } from "node:crypto";
import { pinsOf } from "#shared/approvals/approval-pins.ts";
import type { Db } from "#shared/db/database.ts";
import { recordApproval } from "#shared/db/feedback-repository.ts";
import { recordAnswer, recordQuestion } from "#shared/db/question-repository.ts";
import { type AnswerSource, documents } from "#shared/db/schema.ts";
import type { DocumentAccess } from "#shared/knowledge/document.ts";
import type { PlatformUser } from "#shared/platform/platform.ts";

/** A document row as the indexer leaves it: what pins and access checks read. */
export async function insertDocument(
  db: Db,
  document: { id: string; workspaceId: string; contentHash: string; access?: DocumentAccess | null },
): Promise<AnswerSource> {
  const title = `Doc ${document.id}`;
  const url = `https://docs.test/${document.id}`;
  await db
    .insert(documents)
    .values({
      id: document.id,
      workspaceId: document.workspaceId,
      source: "files",
      externalId: document.id,
      title,
      url,
      updatedAt: new Date(),
      contentHash: document.contentHash,
      access: document.access ?? null,
    })
    .onConflictDoUpdate({
      target: documents.id,
      set: { contentHash: document.contentHash, access: document.access ?? null },
    });
  return { n: 1, title, url, documentId: document.id };
}

/**
 * A question answered from `sources` and approved by `approver`, pinned as the review service pins
 * (pinsOf the stored answer). `history` makes it a thread follow-up.
 */
export async function approvedQuestion(
  db: Db,
  options: {
    workspaceId: string;
    question: string;
    answer: string;
    sources: AnswerSource[];
    approver?: PlatformUser;
    correctedText?: string;
    history?: { role: "user" | "assistant"; text: string }[];
  },
): Promise<string> {
  const question = await recordQuestion(db, {
    id: randomUUID(),
    workspaceId: options.workspaceId,
    platform: "slack",
    eventId: randomUUID(),
    text: options.question,
  });
  const served = {
    promptVersion: "test",
    system: "",
    question: options.question,
    searchQuery: options.question,
    history: options.history ?? [],
    dense: true,
    passages: [],
    attempts: [],
    mode: "generated",
    messageIds: [],
  };
  const answer = await recordAnswer(db, {
    questionId: question.id,
    mode: "generated",
    model: "gemma4:e4b",
    text: options.answer,
    sources: options.sources,
    served,
  });
  await recordApproval(db, {
    questionId: question.id,
    approver: options.approver ?? { platform: "slack", userId: "U0APPROVER" },
    ...(options.correctedText ? { correctedText: options.correctedText } : {}),
    pins: await pinsOf(db, { sources: answer.sources, served: null }),
  });
  return question.id;
}
