import type { ServedRecord } from "#shared/answers/served-record.ts";
import type { ChatMessage } from "#shared/model/chat-model.ts";
import { buildPrompt } from "./build-prompt.ts";

/**
 * The exact messages the model was sent for a served answer, from its record alone: the stored
 * system text, passages in prompt order, history and question (fine-tuning examples start here).
 */
export function rebuildPrompt(served: ServedRecord): ChatMessage[] {
  const passages = [...served.passages].sort((a, b) => a.n - b.n);
  return buildPrompt(served.question, passages, served.history, served.system);
}
