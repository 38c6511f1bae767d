import type { ServedRecord } from "#shared/answers/served-record.ts";
import type { TrainingExample } from "./training-example.ts";

/** An approval that can become an example: fresh pins, a served record, scrubbed text. */
export interface UsableApproval {
  questionId: string;
  questionCreatedAt: Date;
  approvedAt: Date;
  corrected: boolean;
  /** The approved text: the correction when there is one. */
  answer: string;
  served: ServedRecord;
}

/** The text a question is compared on: a follow-up means little without the turn before it. */
export function clusterText(approval: UsableApproval): string {
  return approval.served.history.length > 0 ? approval.served.searchQuery : approval.served.question;
}

/** The served prompt with the approved answer: the example every approved answer keeps. */
export function servedExample(approval: UsableApproval): TrainingExample {
  const { served } = approval;
  return {
    questionId: approval.questionId,
    kind: "approved",
    system: served.system,
    passages: [...served.passages]
      .sort((a, b) => a.n - b.n)
      .map((passage) => ({
        title: passage.title,
        text: passage.text,
        documentId: passage.documentId,
        chunkId: passage.chunkId,
        servedNumber: passage.n,
      })),
    history: served.history,
    question: served.question,
    answer: approval.answer,
  };
}
