import type { StandInChatRequest } from "./grounded-reply.ts";
import type { ModelBehaviour } from "./model-behaviour.ts";

/** A status to answer with, or "hang" (never answer), or "stall" (stream a little, then hang). */
export type ChatFault = number | "hang" | "stall";
/** A status to answer with, "hang" (never answer) or "down" (drop the connection). */
export type EmbedFault = number | "hang" | "down";

/** Knobs read at request time, so tests may change them between calls. */
export interface StandInSettings {
  /** Wait before answering chat and embed calls. */
  latencyMs: number;
  /** Wait between streamed pieces. */
  tokenDelayMs: number;
  reply: (request: StandInChatRequest) => string;
}

/** What the request handlers may see of the stand-in. */
export interface StandInContext {
  settings: StandInSettings;
  /** Size of the vectors the stand-in's embedding model makes. */
  embeddingDimensions: number;
  hasModel(name: string): boolean;
  chatFault(model: string): ChatFault | undefined;
  embedFault(): EmbedFault | undefined;
  /** Set for a model told to answer "better" or "worse" than `reply`. */
  behaviourOf(model: string): ModelBehaviour | undefined;
}
