import { protectLinks, restoreLinks, truncateProtected } from "./protect-links.ts";

/** A quotable piece of a passage: one sentence, or a short list read as one step-by-step unit. */
export interface SentenceUnit {
  /** As quoted: Markdown kept, links whole, at most maxUnitCharacters. */
  text: string;
  /** What is analysed: link labels without their URLs, plus nothing else. */
  analysisText: string;
  /** The heading it sits under (the chunk's heading path when none in the body): context for scoring. */
  heading: string;
  /** Reading order within the passage. */
  position: number;
}

const maxUnitCharacters = 400;
const segmenter = new Intl.Segmenter(undefined, { granularity: "sentence" });

const HEADING = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^\s{0,6}(?:[-*+]|\d{1,3}[.)])\s+/;
const ORDERED_ITEM = /^\s{0,6}\d{1,3}[.)]\s+/;
const FOOTNOTE_DEFINITION = /^\[\^[^\]\s]+\]:\s*/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}/;
/** Abbreviations a sentence rarely ends with: never split after them. */
const ABBREVIATION =
  /(?:^|[\s(])(?:e\.\s?g|i\.\s?e|p\.\s?ej|ej|dr|dra|mr|mrs|ms|sr|sra|srta|approx|aprox|vs|cf|fig|no|nº|núm|num|art|pág|pp|ca|st|jr|inc|ltd|co|dept|depto|tel|ext|ud|uds|vd|vol)\.$/i;
/** An initial ("J.") or the first half of a doubled abbreviation ("RR. HH.", "EE. UU."). */
const INITIAL = /(?:^|[\s(])[A-Z]\.$/;
const DOUBLED_START = /(?:^|[\s(])[A-Z]{1,3}\.$/;
const DOUBLED_NEXT = /^[A-Z]{1,3}\./;
const STARTS_LOWERCASE = /^[\p{Ll}]/u;

/**
 * The passage's sentences in reading order. The chunk's title/heading prefix (first paragraph) is
 * context, not quotable; headings in the body set the context of what follows them. Intl.Segmenter
 * splits after abbreviations ("RR. HH.", "e.g."), so its fragments are merged back.
 */
export function splitSentences(chunkText: string): SentenceUnit[] {
  const split = chunkText.indexOf("\n\n");
  const prefix = split === -1 ? "" : chunkText.slice(0, split);
  const body = split === -1 ? chunkText : chunkText.slice(split + 2);
  let heading = prefix.split(" › ").at(-1) ?? "";
  const units: SentenceUnit[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];

  const flushParagraph = () => {
    if (paragraph.length > 0) for (const sentence of sentencesOf(paragraph.join(" "))) push(sentence);
    paragraph = [];
  };
  const flushList = () => {
    if (list.length === 0) return;
    const joined = list.join(" ");
    // Short numbered steps read as one answer; other lists are quoted item by item, unmarked.
    const steps = list.every((item) => ORDERED_ITEM.test(item));
    if (steps && list.length > 1 && joined.length <= maxUnitCharacters) push(joined);
    else
      for (const item of list)
        for (const sentence of sentencesOf(item.replace(LIST_ITEM, ""))) push(sentence);
    list = [];
  };
  const push = (text: string) => {
    const protectedText = protectLinks(text.replace(/\s+/g, " ").trim());
    if (protectedText.text === "") return;
    units.push({
      text: restoreLinks(truncateProtected(protectedText.text, maxUnitCharacters), protectedText.links),
      analysisText: withoutUrls(text),
      heading,
      position: units.length,
    });
  };

  for (const line of body.split("\n")) {
    const headingText = HEADING.exec(line)?.[1];
    if (headingText !== undefined) {
      flushParagraph();
      flushList();
      heading = headingText;
    } else if (line.trim() === "" || TABLE_SEPARATOR.test(line)) {
      flushParagraph();
      if (line.trim() === "") flushList();
    } else if (LIST_ITEM.test(line)) {
      flushParagraph();
      list.push(line.trim());
    } else if (line.trim().startsWith("|")) {
      flushParagraph();
      flushList();
      push(line.replace(/^\s*\||\|\s*$/g, "").replace(/\s*\|\s*/g, " — "));
    } else if (list.length > 0 && /^\s/.test(line)) {
      list[list.length - 1] += ` ${line.trim()}`; // a list item's continuation line
    } else {
      flushList();
      paragraph.push(line.trim().replace(FOOTNOTE_DEFINITION, ""));
    }
  }
  flushParagraph();
  flushList();
  return units;
}

/** Sentences of one paragraph: links protected from the segmenter, abbreviation fragments merged. */
export function sentencesOf(paragraph: string): string[] {
  const { text, links } = protectLinks(paragraph.replace(/\s+/g, " ").trim());
  const merged: string[] = [];
  for (const part of segmenter.segment(text)) {
    const segment = part.segment.trim();
    if (segment === "") continue;
    const previous = merged.at(-1);
    if (previous !== undefined && continuesSentence(previous, segment)) {
      merged[merged.length - 1] = `${previous} ${segment}`;
    } else merged.push(segment);
  }
  return merged.map((sentence) => restoreLinks(sentence, links));
}

function continuesSentence(previous: string, next: string): boolean {
  if (STARTS_LOWERCASE.test(next)) return true;
  if (ABBREVIATION.test(previous) || INITIAL.test(previous)) return true;
  return DOUBLED_START.test(previous) && DOUBLED_NEXT.test(next);
}

function withoutUrls(text: string): string {
  return text
    .replace(/!?\[([^\]\n]*)\]\([^)]*\)/g, "$1")
    .replace(/<https?:\/\/[^>\s]+>/g, " ")
    .replace(/https?:\/\/\S+/g, " ");
}
