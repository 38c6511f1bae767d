import { answerBlocks } from "#bots/slack/format/answer-blocks.ts";
import { markdownToMrkdwn } from "#bots/slack/format/markdown-to-mrkdwn.ts";
import { neutralizePings } from "#bots/slack/format/neutralize-pings.ts";
import type { Reply } from "#shared/platform/platform.ts";
import type { MessagePart } from "./slack-thread-client.ts";

/** The final answer as one or more messages (long answers are split); the first replaces the draft. */
export function renderReply(reply: Reply, questionId: string | undefined): MessagePart[] {
  const parts = answerBlocks(reply, questionId === undefined ? {} : { questionId });
  return parts.length > 0 ? parts : [{ text: renderDraft(reply.text) }];
}

/** Model Markdown as mrkdwn for a placeholder being updated; pings defused after conversion. */
export function renderDraft(markdown: string): string {
  return neutralizePings(markdownToMrkdwn(markdown));
}

/** A failure line for the asker; the block replaces whatever a draft showed. */
export function renderError(text: string): MessagePart {
  const line = `:warning: ${neutralizePings(text)}`;
  return { text: line, blocks: [{ type: "section", text: { type: "mrkdwn", text: line } }] };
}

/** Shown while nothing has been written yet. */
export const thinkingText = "_Thinking…_";
