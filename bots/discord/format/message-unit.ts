/** A piece of an answer that the packer keeps whole, and what joins it to the piece before. */
export interface MessageUnit {
  text: string;
  /** Whitespace between it and the previous unit: kept inside a message, dropped at a message's start. */
  separator: string;
  /**
   * Set on the lines of a ``` block too long for one message: the block they belong to (one
   * object per block). The packer opens it before the first line in each message and closes it
   * at the message's end, so every message renders on its own.
   */
  fence?: { opening: string };
}

export const closingFence = "\n```";

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Last resort: cuts at most `maxChars` at a time, never inside a character (emoji, accents). */
export function hardCut(text: string, maxChars: number): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const { segment } of graphemes.segment(text)) {
    if (current !== "" && current.length + segment.length > maxChars) {
      pieces.push(current);
      current = "";
    }
    current += segment;
  }
  if (current !== "") pieces.push(current);
  return pieces;
}
