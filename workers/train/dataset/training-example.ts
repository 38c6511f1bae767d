import type { ChatMessage } from "#shared/model/chat-model.ts";
import type { ConversationTurn } from "#shared/platform/platform.ts";
import { buildPrompt } from "#workers/answer/build-prompt.ts";
import { renumberCitations } from "./renumber-citations.ts";

/**
 * approved: the served prompt and the approved answer. distractor: the cited passages shuffled among
 * passages of other documents (RAFT). refusal: only such passages, and the answer is a refusal.
 */
export type ExampleKind = "approved" | "distractor" | "refusal";

export interface ExamplePassage {
  title: string;
  text: string;
  documentId: string;
  chunkId: string;
  /** Its number [n] in the served prompt, which the answer's citations use; null for a distractor. */
  servedNumber: number | null;
}

/** One training conversation before it is numbered and rendered: the passages in prompt order. */
export interface TrainingExample {
  questionId: string;
  kind: ExampleKind;
  system: string;
  passages: ExamplePassage[];
  history: ConversationTurn[];
  question: string;
  /** The final assistant turn, its citations in served numbering. */
  answer: string;
}

/**
 * The conversation the trainer reads: the prompt exactly as the answer worker builds it (sources
 * numbered by position) and the answer with its citations following their passages.
 */
export function renderExample(example: TrainingExample): ChatMessage[] {
  const newNumbers = new Map<number, number>();
  example.passages.forEach((passage, index) => {
    if (passage.servedNumber !== null) newNumbers.set(passage.servedNumber, index + 1);
  });
  return [
    ...buildPrompt(example.question, example.passages, example.history, example.system),
    { role: "assistant", content: renumberCitations(example.answer, newNumbers) },
  ];
}
