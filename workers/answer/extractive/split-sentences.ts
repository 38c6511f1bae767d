import { protectLinks, restoreLinks, truncateProtected } from "./protect-links.ts";

/** A quotable piece of a passage: one sentence, or a short list read as one step-by-step unit. */
export interface SentenceUnit {
  /** As quoted: Markdown kept, links whole, at most maxUnitCharacters. */
  text: string;
  /** What is analysed: link labels without their URLs, plus nothing else. */
  analysisText: string;
  /** The headings it sits under (the chunk's heading path, then the body's): context for scoring. */
  heading: string;
  /**
   * For a list item or table row: the sentence introducing the list ("To enroll:") and the table's
   * header row; "" otherwise. Context for scoring, like the heading.
   */
  leadIn: string;
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
  const path = prefix.split(" › ").filter((part) => part.trim() !== "");
  /** Body headings in effect, by level: a "##" replaces the "##" before it and drops its "###". */
  const bodyHeadings: { level: number; text: string }[] = [];
  let heading = path.join(" › ");
  const units: SentenceUnit[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  /** Indentation of each list item: a nested item's parent ("If you joined before 2021:") is context. */
  let indents: number[] = [];
  let leadIn = "";
  let tableHeader: string | undefined;

  const flushParagraph = () => {
    if (paragraph.length === 0) return;
    const sentences = sentencesOf(paragraph.join(" "));
    for (const sentence of sentences) push(sentence);
    const last = sentences.at(-1) ?? "";
    // "To enroll, do this:" introduces the list or table right after it.
    leadIn = last.trimEnd().endsWith(":") ? withoutUrls(last) : "";
    paragraph = [];
  };
  const flushList = () => {
    if (list.length === 0) return;
    const joined = list.join(" ");
    // Short numbered steps read as one answer; other lists are quoted item by item, unmarked.
    const steps = list.every((item) => ORDERED_ITEM.test(item));
    if (steps && list.length > 1 && joined.length <= maxUnitCharacters) push(joined, leadIn);
    else
      list.forEach((item, index) => {
        const context = [leadIn, parentOf(index)].filter(Boolean).join(" ");
        for (const sentence of sentencesOf(item.replace(LIST_ITEM, ""))) push(sentence, context);
      });
    list = [];
    indents = [];
    leadIn = "";
  };
  const parentOf = (index: number): string => {
    const indent = indents[index] ?? 0;
    for (let before = index - 1; before >= 0; before -= 1) {
      if ((indents[before] ?? 0) >= indent) continue;
      const parent = list[before]?.replace(LIST_ITEM, "") ?? "";
      return parent.trimEnd().endsWith(":") ? withoutUrls(parent) : "";
    }
    return "";
  };
  const push = (text: string, context = "") => {
    const protectedText = protectLinks(text.replace(/\s+/g, " ").trim());
    if (protectedText.text === "") return;
    units.push({
      text: restoreLinks(truncateProtected(protectedText.text, maxUnitCharacters), protectedText.links),
      analysisText: withoutUrls(text),
      heading,
      leadIn: context,
      position: units.length,
    });
  };

  for (const line of body.split("\n")) {
    const headingMatch = HEADING.exec(line);
    const headingText = headingMatch?.[1];
    if (line.trim().startsWith("|") || TABLE_SEPARATOR.test(line)) {
      flushParagraph();
      flushList();
      if (TABLE_SEPARATOR.test(line)) continue;
      const row = line
        .replace(/^\s*\||\|\s*$/g, "")
        .replace(/\s*\|\s*/g, " — ")
        .trim();
      if (tableHeader === undefined) {
        // The header row is quotable too, and the context of every row under it.
        push(row, leadIn);
        tableHeader = `${leadIn} ${withoutUrls(row)}`.trim();
      } else push(row, tableHeader);
      continue;
    }
    tableHeader = undefined;
    if (headingText !== undefined && headingMatch) {
      flushParagraph();
      flushList();
      leadIn = "";
      const level = line.trimStart().match(/^#+/)?.[0].length ?? 1;
      while ((bodyHeadings.at(-1)?.level ?? 0) >= level) bodyHeadings.pop();
      bodyHeadings.push({ level, text: headingText });
      heading = [...path, ...bodyHeadings.map((item) => item.text)].join(" › ");
    } else if (line.trim() === "") {
      flushParagraph();
      flushList();
    } else if (LIST_ITEM.test(line)) {
      if (paragraph.length > 0) flushParagraph();
      list.push(line.trim());
      indents.push(line.length - line.trimStart().length);
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
