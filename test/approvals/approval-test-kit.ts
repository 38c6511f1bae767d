import { randomUUID } from "node:crypto";
import type { ServedRecord } from "#shared/answers/served-record.ts";
import type { Db } from "#shared/db/database.ts";
import { upsertDocument } from "#shared/db/document-repository.ts";
import { recordAnswer, recordQuestion } from "#shared/db/question-repository.ts";
import type { AnswerMode } from "#shared/db/schema.ts";

/** A document as the indexer leaves it, through the real repository. */
export interface SeededDocument {
  id: string;
  title: string;
  contentHash: string;
}

export async function seedDocument(
  db: Db,
  workspaceId: string,
  fields: { title: string; contentHash: string; id?: string },
): Promise<SeededDocument> {
  const id = fields.id ?? `doc-${randomUUID()}`;
  await upsertDocument(db, {
    id,
    workspaceId,
    source: "files",
    externalId: id,
    title: fields.title,
    url: `handbook/${id}.md`,
    updatedAt: new Date("2026-03-01T00:00:00Z"),
    contentHash: fields.contentHash,
  });
  return { id, title: fields.title, contentHash: fields.contentHash };
}

/** The same document with new content (a sync saw an edit). */
export async function editDocument(
  db: Db,
  workspaceId: string,
  document: SeededDocument,
  contentHash: string,
) {
  await seedDocument(db, workspaceId, { id: document.id, title: document.title, contentHash });
}

/**
 * A question answered from `cited`, with the served record the answer worker keeps (each passage
 * with the document's hash when served), as the answer job leaves it.
 */
export async function seedAnsweredQuestion(
  db: Db,
  workspaceId: string,
  fields: { question?: string; cited?: readonly SeededDocument[]; mode?: AnswerMode; text?: string } = {},
): Promise<string> {
  const question = fields.question ?? "How many vacation days do we get?";
  const cited = fields.cited ?? [];
  const { id } = await recordQuestion(db, {
    workspaceId,
    platform: "slack",
    eventId: `Ev${randomUUID()}`,
    text: question,
  });
  const served: ServedRecord = {
    promptVersion: "test",
    system: "Answer from the sources.",
    question,
    searchQuery: question,
    history: [],
    dense: true,
    passages: cited.map((document, index) => ({
      n: index + 1,
      chunkId: `${document.id}#0`,
      documentId: document.id,
      contentHash: document.contentHash,
      source: "files",
      chunkIndex: 0,
      title: document.title,
      url: `handbook/${document.id}.md`,
      text: `${document.title} says 25 days.`,
      score: 0.9,
    })),
    attempts: [],
    mode: fields.mode ?? "generated",
    messageIds: ["m-1"],
  };
  await recordAnswer(db, {
    questionId: id,
    mode: fields.mode ?? "generated",
    model: "m",
    text: fields.text ?? "25 days [1].",
    sources: cited.map((document, index) => ({
      n: index + 1,
      title: document.title,
      url: `handbook/${document.id}.md`,
      documentId: document.id,
    })),
    served,
  });
  return id;
}
