import type { FenceSpan } from "./fence-spans.ts";
import { closingFence, hardCut, type MessageUnit } from "./message-unit.ts";

/**
 * A ``` block too long for one message, as its lines, for the packer to spread over messages
 * (a line too long for a message on its own is cut). They reopen with the block's language.
 */
export function fenceUnits(
  text: string,
  span: FenceSpan,
  separator: string,
  maxChars: number,
): MessageUnit[] {
  const fence = { opening: `\`\`\`${span.language}\n` };
  const room = maxChars - fence.opening.length - closingFence.length;
  const code = text.slice(span.contentStart, span.contentEnd).replace(/\n$/, "");
  const lines = code.split("\n").flatMap((line) => (line.length > room ? hardCut(line, room) : [line]));
  return lines.map((line, index) => ({ text: line, separator: index === 0 ? separator : "\n", fence }));
}
