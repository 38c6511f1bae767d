import { randomUUID } from "node:crypto";
import type { ServedRecord } from "#shared/answers/served-record.ts";
import type { Db } from "#shared/db/database.ts";
import { documentHashes } from "#shared/db/document-hashes.ts";
import type { NewAnswerRow } from "#shared/db/schema.ts";
import type { Answer } from "./answer-question.ts";

/**
 * The answer as stored (`answers`), with the record of what it was built from: the same for every
 * surface (the answer job, `sabio ask`), so approvals pin and the dataset rebuilds every answer alike.
 */
export async function answerRow(
  db: Db,
  answered: { questionId: string; workspaceId: string; answer: Answer; messageIds: string[] },
): Promise<NewAnswerRow> {
  const { answer } = answered;
  return {
    id: randomUUID(),
    questionId: answered.questionId,
    mode: answer.mode,
    model: answer.model,
    text: answer.text,
    sources: answer.sources,
    promptTokens: answer.usage.promptTokens,
    completionTokens: answer.usage.completionTokens,
    retrievalMs: answer.timings.retrievalMs,
    generationMs: answer.timings.generationMs,
    totalMs: answer.timings.totalMs,
    served: await servedRecord(db, answered.workspaceId, answer, answered.messageIds),
  };
}

/** The answer's evidence with each passage's document content hash as of now, and the messages. */
async function servedRecord(
  db: Db,
  workspaceId: string,
  answer: Answer,
  messageIds: string[],
): Promise<ServedRecord> {
  const { evidence } = answer;
  const hashes = await documentHashes(
    db,
    workspaceId,
    evidence.passages.map((passage) => passage.documentId),
  );
  return {
    promptVersion: evidence.promptVersion,
    system: evidence.system,
    question: evidence.question,
    searchQuery: evidence.searchQuery,
    history: evidence.history,
    dense: evidence.dense,
    passages: evidence.passages.map((passage, index) => ({
      n: index + 1,
      chunkId: passage.id,
      documentId: passage.documentId,
      contentHash: hashes.get(passage.documentId) ?? null,
      source: passage.source,
      chunkIndex: passage.chunkIndex,
      title: passage.title,
      url: passage.url,
      text: passage.text,
      score: passage.score,
    })),
    attempts: evidence.attempts,
    mode: answer.mode,
    ...(evidence.approved ? { approved: evidence.approved } : {}),
    gate: evidence.gate,
    messageIds,
  };
}
