import { plainTextTitle } from "#shared/knowledge/plain-text-title.ts";

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_H1 = /^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_H1 = /^ {0,3}=+[ \t]*$/;

/**
 * The first level-one heading (`# Title` or `Title` underlined with `===`) outside fenced code —
 * a shell `# comment` in a code block is not a title — as plain text, or undefined.
 */
export function firstHeading(markdown: string): string | undefined {
  let fence: string | undefined;
  let previous = "";
  for (const line of markdown.split("\n", 2000)) {
    const marker = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      previous = "";
      continue;
    }
    const atx = ATX_H1.exec(line)?.[1];
    if (atx !== undefined) return plainTitle(atx);
    if (SETEXT_H1.test(line) && previous.trim() !== "") return plainTitle(previous);
    previous = line;
  }
  return undefined;
}

/**
 * Inline Markdown and HTML → plain text, for titles shown in citations: links, emphasis, escapes,
 * `{#id}`, tags (`<em>before</em>`) and entities (`&amp;`).
 */
export function plainTitle(text: string): string | undefined {
  const markdownless = text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\{#[\w-]+\}/g, "")
    .replace(/[*`]/g, "")
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
  const plain = plainTextTitle(markdownless);
  return plain === "" ? undefined : plain;
}
