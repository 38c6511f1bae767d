import { SlackMethodError } from "./slack-method-error.ts";

/** Slack truncates longer texts; the stand-in refuses them so a test notices. */
const maxTextLength = 40_000;
const maxBlocks = 50;
const maxSectionText = 3_000;
const maxMarkdownBlockText = 12_000;
/**
 * Slack rejects messages whose blocks hold well under 50 × 3,000 characters (`msg_blocks_too_long`,
 * seen around 11–13k in all): the stand-in draws the line at 12,000.
 */
const maxBlocksText = 12_000;

/** Refuses what Slack refuses in a message's text and blocks, with Slack's error codes. */
export function checkMessageContent(text: string | undefined, blocks: unknown): void {
  if (text !== undefined && text.length > maxTextLength) throw new SlackMethodError("msg_too_long");
  if (blocks === undefined) return;
  if (!Array.isArray(blocks)) throw new SlackMethodError("invalid_blocks_format");
  if (blocks.length > maxBlocks) throw new SlackMethodError("invalid_blocks");
  let total = 0;
  for (const block of blocks as unknown[]) {
    if (
      typeof block !== "object" ||
      block === null ||
      typeof (block as { type?: unknown }).type !== "string"
    ) {
      throw new SlackMethodError("invalid_blocks");
    }
    const { type } = block as { type: string };
    const blockText = textOf(block);
    if (type === "section" && blockText.length > maxSectionText) throw new SlackMethodError("invalid_blocks");
    if (type === "markdown" && blockText.length > maxMarkdownBlockText)
      throw new SlackMethodError("invalid_blocks");
    total += blockText.length;
  }
  if (total > maxBlocksText) throw new SlackMethodError("msg_blocks_too_long");
}

/** The visible text in a block: `text` as a string or a text object, plus fields and elements. */
function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(textOf).join("");
  if (typeof value !== "object" || value === null) return "";
  const { text, fields, elements } = value as { text?: unknown; fields?: unknown; elements?: unknown };
  return textOf(text) + textOf(fields) + textOf(elements);
}
