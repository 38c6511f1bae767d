import type { ScoredChunk } from "#shared/knowledge/store/vector-store.ts";
import type { ChatMessage } from "#shared/model/chat-model.ts";
import type { ConversationTurn } from "#shared/platform/platform.ts";

/** Per-source cap so a few long passages can't crowd the rest out of a small model's context. */
const maxSourceCharacters = 2_400;

/** Bump when the template below changes: served records say which one built each prompt. */
export const promptVersion = "answer-prompt/1";

export const systemPrompt = [
  "You are Sabio, a team's knowledge assistant. Answer the question using ONLY the numbered sources.",
  "After each claim, cite the number of the source it comes from in square brackets, like [n].",
  "If the sources do not cover the question, say so plainly in one sentence (for example:",
  "\"The team's documents don't cover this.\") and do not guess.",
  "Be brief: a few sentences or a short list. Answer in the language of the question.",
].join("\n");

/** Builds the grounded prompt: sources numbered from 1 in rank order, then the thread so far. */
export function buildPrompt(
  question: string,
  sources: readonly Pick<ScoredChunk, "title" | "text">[],
  history: readonly ConversationTurn[] = [],
  system: string = systemPrompt,
): ChatMessage[] {
  const numbered = sources
    .map((source, index) => {
      const text =
        source.text.length > maxSourceCharacters
          ? `${source.text.slice(0, maxSourceCharacters)}…`
          : source.text;
      return `[${index + 1}] ${source.title}\n${text}`;
    })
    .join("\n\n");
  return [
    { role: "system", content: system },
    { role: "user", content: `Sources:\n\n${numbered}\n\n${conversation(history)}Question: ${question}` },
  ];
}

/** Earlier turns of the thread, so a follow-up like "and for contractors?" can be understood. */
function conversation(history: readonly ConversationTurn[]): string {
  if (history.length === 0) return "";
  const lines = history.map((turn) => `${turn.role === "user" ? "User" : "Sabio"}: ${turn.text}`);
  return `Conversation so far (for context; answer only the question below):\n${lines.join("\n")}\n\n`;
}
