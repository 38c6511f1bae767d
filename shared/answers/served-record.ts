import { z } from "zod";

/**
 * Exactly what one answer was built from, stored with it (`answers.served`): the prompt can be
 * rebuilt from it byte for byte, approvals train on it, and the answer bank pins approved answers
 * to the documents' content hashes it names.
 */
export const servedRecordSchema = z.object({
  /** Which prompt template built it; the text itself is kept too, so old records stay exact. */
  promptVersion: z.string(),
  system: z.string(),
  /** The question as answered (trimmed), and what was searched for (with the previous turn). */
  question: z.string(),
  searchQuery: z.string(),
  history: z.array(z.object({ role: z.enum(["user", "assistant"]), text: z.string() })),
  /** False when search ran lexically only (embedder down). */
  dense: z.boolean(),
  /** Every passage put in the prompt, in prompt order: passage n is source [n]. */
  passages: z.array(
    z.object({
      n: z.number().int().positive(),
      chunkId: z.string(),
      documentId: z.string(),
      /** The document's content hash when the answer was served; null if it was no longer indexed. */
      contentHash: z.string().nullable(),
      source: z.string(),
      chunkIndex: z.number().int(),
      title: z.string(),
      url: z.string(),
      text: z.string(),
      score: z.number(),
    }),
  ),
  /** Each model asked, in order; empty for an extractive answer made without a model. */
  attempts: z.array(
    z.object({
      model: z.string(),
      /** "ok" or the error code of the failure. */
      outcome: z.string(),
      durationMs: z.number(),
      promptTokens: z.number().optional(),
      completionTokens: z.number().optional(),
    }),
  ),
  mode: z.enum(["generated", "extractive", "approved"]),
  /**
   * Set when the answer came from the answer bank: the approved question it matched, who approved
   * it, and how close the match was. Absent otherwise and in older records.
   */
  approved: z
    .object({
      questionId: z.string(),
      approvedBy: z.string(),
      /** The approver's platform, so the label can be shown again; absent in the first records. */
      approvedByPlatform: z.string().optional(),
      similarity: z.number(),
    })
    .optional(),
  /**
   * The relevance gate (workers/answer/relevance-gate.ts): the best passage's relevance, the
   * threshold, and whether the answer was given. When not covered: why, the pages offered as
   * related, and the model's text it replaced (an answer citing nothing). Absent in older records.
   */
  gate: z
    .object({
      relevance: z.number(),
      threshold: z.number(),
      covered: z.boolean(),
      reason: z.enum(["no_results", "weak_evidence", "uncited_answer"]).optional(),
      related: z
        .array(z.object({ n: z.number().int(), title: z.string(), url: z.string(), documentId: z.string() }))
        .optional(),
      modelText: z.string().optional(),
    })
    .optional(),
  /** The platform messages that show the answer, first one first. */
  messageIds: z.array(z.string()),
});

export type ServedRecord = z.infer<typeof servedRecordSchema>;
export type ServedPassage = ServedRecord["passages"][number];

/** Reads a stored record; throws a ZodError naming the field when it is not one. */
export function parseServedRecord(value: unknown): ServedRecord {
  return servedRecordSchema.parse(value);
}
