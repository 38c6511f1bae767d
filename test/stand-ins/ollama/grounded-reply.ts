export interface StandInChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  stream: boolean;
  options?: Record<string, unknown>;
  think?: unknown;
}

const noSourceReply = "I could not find that in the provided sources.";

/**
 * A reply that looks grounded: the first sentence of source [1] in the prompt, cited. The prompt
 * format is not fixed here; any text after a "[1]" marker counts as the first source, and its first
 * line that reads like a sentence (a title line or a path does not) is used.
 */
export function groundedReply(request: StandInChatRequest): string {
  const prompt = request.messages.map((message) => message.content).join("\n");
  const marker = prompt.indexOf("[1]");
  if (marker === -1) return noSourceReply;
  const source = prompt.slice(marker + 3).split("[2]")[0] ?? "";
  for (const line of source.split("\n")) {
    const sentence = /^\s*(.*?[.!?])(?=\s|$)/.exec(line)?.[1];
    if (sentence && sentence.split(/\s+/).length >= 3) return `${sentence} [1]`;
  }
  const firstWords = source.trim().split(/\s+/).slice(0, 20).join(" ");
  return firstWords === "" ? noSourceReply : `${firstWords} [1]`;
}

/** Splits a reply into token-like pieces (a word with its following space), as Ollama streams them. */
export function replyPieces(reply: string): string[] {
  return reply.match(/\s*\S+\s*/g) ?? [reply];
}
