import type { LiveMessage } from "./live-message.ts";
import { renderDraft, thinkingText } from "./render-reply.ts";
import type { SlackThreadClient } from "./slack-thread-client.ts";

export interface PlaceholderMessage extends LiveMessage {
  /** Posts "_Thinking…_" now, so the asker sees the answer coming before any text. */
  open(): Promise<void>;
}

/**
 * The fallback when Slack won't stream: one message posted in the thread and rewritten with
 * chat.update as the draft grows (the caller keeps that to about once a second), then with the answer.
 */
export function createPlaceholderMessage(api: SlackThreadClient): PlaceholderMessage {
  let ts: string | undefined;
  return {
    mode: "placeholder",
    async open() {
      ts ??= await api.post({ text: thinkingText });
    },
    async show(whole) {
      const text = renderDraft(whole);
      if (ts === undefined) ts = await api.post({ text });
      else await api.update(ts, { text });
    },
    async clear() {
      if (ts !== undefined) await api.update(ts, { text: thinkingText });
    },
    async settle(part) {
      if (ts === undefined) return api.post(part);
      // An explicit (possibly empty) block list, so nothing of an earlier version lingers.
      await api.update(ts, { blocks: [], ...part });
      return ts;
    },
  };
}
