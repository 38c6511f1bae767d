import type { RichTextItemResponse } from "@notionhq/client";
import { escapeLinkDestination } from "./escape-link-destination.ts";
import { escapeMarkdown } from "./escape-markdown.ts";

type Annotations = RichTextItemResponse["annotations"];

interface Run {
  text: string;
  annotations: Annotations;
  href: string | null;
  equation: boolean;
}

/**
 * Notion rich text as inline Markdown. Uses `plain_text` of every item, so mentions (pages, users,
 * dates) and inline equations keep their visible text. Bold, italic, strikethrough, code and links
 * become Markdown; underline and colours have no Markdown form and are dropped.
 */
export function richTextToMarkdown(items: readonly RichTextItemResponse[]): string {
  return mergeRuns(items).map(runToMarkdown).join("");
}

/** Concatenated `plain_text`, no Markdown: for titles, code blocks and property values. */
export function richTextToPlainText(items: readonly RichTextItemResponse[]): string {
  return items.map((item) => item.plain_text).join("");
}

/** Adjacent items with the same formatting become one run, so `**a****b**` never appears. */
function mergeRuns(items: readonly RichTextItemResponse[]): Run[] {
  const runs: Run[] = [];
  for (const item of items) {
    const equation = item.type === "equation";
    const previous = runs.at(-1);
    if (
      previous !== undefined &&
      !equation &&
      !previous.equation &&
      previous.href === item.href &&
      sameAnnotations(previous.annotations, item.annotations)
    ) {
      previous.text += item.plain_text;
    } else {
      runs.push({ text: item.plain_text, annotations: item.annotations, href: item.href, equation });
    }
  }
  return runs;
}

function sameAnnotations(a: Annotations, b: Annotations): boolean {
  return (
    a.bold === b.bold && a.italic === b.italic && a.strikethrough === b.strikethrough && a.code === b.code
  );
}

function runToMarkdown(run: Run): string {
  if (run.text === "") return "";
  // Emphasis markers must touch non-space text: keep surrounding whitespace outside them.
  const [, leading = "", core = "", trailing = ""] = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text) ?? [];
  if (core === "") return run.text;
  let inner: string;
  if (run.equation) inner = `$${core}$`;
  else if (run.annotations.code) inner = codeSpan(core);
  else inner = escapeMarkdown(core);
  if (!run.equation) {
    if (run.annotations.strikethrough) inner = `~~${inner}~~`;
    if (run.annotations.italic) inner = `*${inner}*`;
    if (run.annotations.bold) inner = `**${inner}**`;
  }
  if (run.href !== null) inner = `[${inner}](${escapeLinkDestination(run.href)})`;
  return `${leading}${inner}${trailing}`;
}

/** A code span whose delimiter is longer than any backtick run inside it. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(longest + 1);
  const padding = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${padding}${text}${padding}${fence}`;
}
