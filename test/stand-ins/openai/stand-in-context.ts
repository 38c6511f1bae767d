import type { StandInChatRequest } from "../ollama/grounded-reply.ts";

/** A status to answer with, "hang" (never answer), "stall" (stream a little, then hang), "cut" (stream, then drop the connection). */
export type OpenAiChatFault = number | "hang" | "stall" | "cut";
/** A status to answer with, "hang" (never answer) or "down" (drop the connection). */
export type OpenAiEmbedFault = number | "hang" | "down";

/** Knobs read at request time, so tests may change them between calls. */
export interface OpenAiStandInSettings {
  latencyMs: number;
  /** Wait between streamed chunks. */
  tokenDelayMs: number;
  reply: (request: StandInChatRequest) => string;
  /** Answer 400 to a `dimensions` field, as a model without Matryoshka support does. */
  refuseDimensions: boolean;
}

export interface OpenAiStandInContext {
  settings: OpenAiStandInSettings;
  embeddingDimensions: number;
  hasModel(name: string): boolean;
  chatFault(model: string): OpenAiChatFault | undefined;
  embedFault(): OpenAiEmbedFault | undefined;
}
