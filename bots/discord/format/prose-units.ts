import { hardCut, type MessageUnit } from "./message-unit.ts";

// Finer and finer places to cut a block too long for one message: lines, sentence ends, spaces.
const boundaries = [/\n/g, /(?<=[.!?…。][)"'’”\]*_]*)[ \t]+/g, /[ \t]+/g];
// Stretches a cut must not fall into: `code`, [masked](links), <links and mentions>.
const wholes = /`[^`\n]+`|\[[^\]\n]*\]\([^)\n]*\)|<[^<>\n]*>/g;

function splitAt(text: string, boundary: RegExp): MessageUnit[] {
  const kept = [...text.matchAll(wholes)].map((match) => [match.index, match.index + match[0].length]);
  const inside = (at: number) => kept.some(([start = 0, end = 0]) => start < at && at < end);
  const units: MessageUnit[] = [];
  let last = 0;
  let separator = "";
  for (const match of text.matchAll(boundary)) {
    if (match.index === 0 || inside(match.index)) continue;
    units.push({ text: text.slice(last, match.index), separator });
    separator = match[0];
    last = match.index + match[0].length;
  }
  units.push({ text: text.slice(last), separator });
  return units.filter((unit) => unit.text !== "");
}

/**
 * Units of at most `maxChars` for a block of prose (no ``` inside): whole when it fits, else
 * its lines, else its sentences, else its words, else cut mid-word.
 */
export function proseUnits(text: string, separator: string, maxChars: number, level = 0): MessageUnit[] {
  if (text.length <= maxChars) return [{ text, separator }];
  const boundary = boundaries[level];
  const units: MessageUnit[] = boundary
    ? splitAt(text, boundary).flatMap((unit) => proseUnits(unit.text, unit.separator, maxChars, level + 1))
    : hardCut(text, maxChars).map((piece) => ({ text: piece, separator: "" }));
  const [first, ...rest] = units;
  return first ? [{ ...first, separator }, ...rest] : [];
}
