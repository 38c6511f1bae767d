import { z } from "zod";
import type { AnswerMessageRef } from "./read-answer-click.ts";

/** What the correction modal must remember between opening and submission (its private_metadata). */
export interface CorrectionTarget {
  questionId: string;
  /** The answer message to update; absent when the modal was opened from the App Home. */
  message?: AnswerMessageRef;
}

const targetSchema = z.object({
  questionId: z.string().min(1).max(64),
  message: z
    .object({ channelId: z.string().min(1), ts: z.string().min(1), threadTs: z.string().min(1).optional() })
    .optional(),
});

// private_metadata holds at most 3,000 characters; ids and timestamps stay far below that.
export function encodeCorrectionTarget(target: CorrectionTarget): string {
  return JSON.stringify(target);
}

/** Undefined for metadata Sabio did not write (another app's modal, a hand-made payload). */
export function parseCorrectionTarget(privateMetadata: string): CorrectionTarget | undefined {
  let json: unknown;
  try {
    json = JSON.parse(privateMetadata);
  } catch {
    return undefined;
  }
  const parsed = targetSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { questionId, message } = parsed.data;
  if (!message) return { questionId };
  const { channelId, ts, threadTs } = message;
  return { questionId, message: { channelId, ts, ...(threadTs === undefined ? {} : { threadTs }) } };
}
