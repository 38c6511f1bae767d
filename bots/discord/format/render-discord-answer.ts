import { MessageFlags } from "discord.js";
import type { Reply } from "#shared/platform/platform.ts";
import { answerButtons } from "../interact/answer-buttons.ts";
import { answerTrailer } from "./answer-trailer.ts";
import { discordMarkdown } from "./discord-markdown.ts";
import { type DiscordMessagePart, maxDiscordContent } from "./discord-message-part.ts";
import { splitDiscordMessage } from "./split-discord-message.ts";

const emptyAnswer = "_The answer is empty._";

function lastPieces(pieces: string[], trailer: string): string[] {
  const last = pieces.at(-1) ?? emptyAnswer;
  if (trailer === "") return [...pieces.slice(0, -1), last];
  const room = maxDiscordContent - trailer.length - 2;
  // The trailer doesn't fit beside the last piece: that piece splits again, smaller.
  const tail = last.length <= room ? [last] : splitDiscordMessage(last, room);
  const closing = tail.pop() ?? emptyAnswer;
  return [...pieces.slice(0, -1), ...tail, `${closing}\n\n${trailer}`];
}

/**
 * The Discord messages of one answer, first to last: the Markdown as Discord renders it (deep
 * headings and tables rewritten, mentions defused), split at paragraph or ``` boundaries into
 * messages of at most 2,000 characters. The last one also carries the sources, notes, review
 * line and, with a question id, the buttons. Embeds are suppressed on every message.
 */
export function renderDiscordAnswer(reply: Reply, questionId?: string): DiscordMessagePart[] {
  const body = discordMarkdown(reply.text).trim();
  const pieces = lastPieces(body === "" ? [emptyAnswer] : splitDiscordMessage(body), answerTrailer(reply));
  const approved = reply.review?.approvedBy !== undefined;
  return pieces.map((content, index) => ({
    content,
    components:
      questionId !== undefined && index === pieces.length - 1
        ? [answerButtons(questionId, { approved })]
        : [],
    flags: MessageFlags.SuppressEmbeds,
  }));
}
