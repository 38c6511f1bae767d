import type { ContextBlock, KnownBlock } from "@slack/types";
import type { Reply } from "#shared/platform/platform.ts";
import { answerBlocks, type SlackMessage } from "../format/answer-blocks.ts";
import type { AnsweredQuestion } from "./load-answered-question.ts";

/**
 * An answer's Slack messages rebuilt from what the database holds (corrected text, approval, votes),
 * so every update shows the whole current state whichever button changed it.
 */
export function answerMessages(loaded: AnsweredQuestion): SlackMessage[] {
  const corrected = loaded.approval?.correctedText;
  const reply: Reply = {
    text: corrected ?? loaded.answer.text,
    mode: loaded.answer.mode,
    model: loaded.answer.model,
    sources: loaded.answer.sources,
    ...(corrected == null ? {} : { note: "✏️ Corrected after review" }),
  };
  const approvedBy = loaded.approval?.approvedBy;
  const messages = answerBlocks(reply, {
    questionId: loaded.question.id,
    ...(approvedBy === undefined ? {} : { state: { approvedBy } }),
  });
  const last = messages.at(-1);
  if (last) last.blocks = withTally(last.blocks, loaded.tally);
  return messages;
}

/** The vote count goes just above the buttons; with no votes there is nothing to show. */
function withTally(blocks: KnownBlock[], tally: { up: number; down: number }): KnownBlock[] {
  if (tally.up === 0 && tally.down === 0) return blocks;
  const line: ContextBlock = {
    type: "context",
    elements: [{ type: "mrkdwn", text: `👍 ${tally.up} · 👎 ${tally.down}` }],
  };
  const buttons = blocks.findIndex((block) => block.type === "actions");
  const at = buttons === -1 ? blocks.length : buttons;
  return [...blocks.slice(0, at), line, ...blocks.slice(at)];
}
