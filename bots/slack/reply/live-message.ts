import type { MessagePart } from "./slack-thread-client.ts";

/** The one thread message that shows an answer while it is being written. */
export interface LiveMessage {
  /** "stream" appends pieces through chat.*Stream; "placeholder" rewrites one posted message. */
  readonly mode: "stream" | "placeholder";
  /** Shows the draft: `whole` is all Markdown so far, `added` the part not shown before. */
  show(whole: string, added: string): Promise<void>;
  /** Takes the draft away (another attempt starts over). */
  clear(): Promise<void>;
  /** Turns the draft into the finished message (posting it if nothing was shown); returns its ts. */
  settle(part: MessagePart): Promise<string>;
}
