import type { StandInChatRequest } from "./grounded-reply.ts";
import { foldedWords } from "./hashed-embedding.ts";

/**
 * How a named model answers, to play a fine-tuned candidate against the current model:
 * "better" cites the source that holds the answer and copies its sentence (and refuses when no
 * source shares the question's words); "worse" answers vaguely, citing nothing.
 */
export type ModelBehaviour = "better" | "worse";

export const vagueReply = "It depends on the situation; it is best to check with your team.";
export const standInRefusal = "The team's documents don't cover this.";

export function behaviourReply(behaviour: ModelBehaviour, request: StandInChatRequest): string {
  if (behaviour === "worse") return vagueReply;
  const prompt = request.messages.map((message) => message.content).join("\n");
  const question = prompt.slice(prompt.lastIndexOf("Question:") + "Question:".length);
  const asked = new Set(foldedWords(question));
  let best: { overlap: number; text: string } | undefined;
  for (const source of numberedSources(prompt)) {
    for (const sentence of source.text.split(/(?<=[.!?])\s+/)) {
      const overlap = foldedWords(sentence).filter((word) => asked.has(word)).length;
      if (!best || overlap > best.overlap) best = { overlap, text: `${sentence.trim()} [${source.n}]` };
    }
  }
  return best && best.overlap >= 2 ? best.text : standInRefusal;
}

/** `[n] Title\ntext` blocks of the prompt, the title line left out. */
function numberedSources(prompt: string): { n: number; text: string }[] {
  const end = prompt.lastIndexOf("Question:");
  const body = end === -1 ? prompt : prompt.slice(0, end);
  const sources: { n: number; text: string }[] = [];
  for (const match of body.matchAll(/^\[(\d+)\] [^\n]*\n([\s\S]*?)(?=^\[\d+\] |(?![\s\S]))/gm)) {
    sources.push({ n: Number(match[1]), text: (match[2] ?? "").trim() });
  }
  return sources;
}
