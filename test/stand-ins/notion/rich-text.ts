/** One rich-text item as a test writes it; `plain_text` is derived unless given. */
export type RichTextSpec =
  | { text: string; link?: string }
  | { mention: { page: string } | { user: string } | { date: string }; plain_text: string }
  | { equation: string };

/** A plain string, or rich-text items. */
export type RichTextInput = string | RichTextSpec[];

const plainAnnotations = {
  bold: false,
  italic: false,
  strikethrough: false,
  underline: false,
  code: false,
  color: "default",
} as const;

/** Notion's response shape of rich text (`RichTextItemResponse[]`). */
export function richText(input: RichTextInput): Record<string, unknown>[] {
  const items = typeof input === "string" ? (input === "" ? [] : [{ text: input }]) : input;
  return items.map(richTextItem);
}

function richTextItem(item: RichTextSpec): Record<string, unknown> {
  if ("text" in item) {
    const link = item.link ? { url: item.link } : null;
    return {
      type: "text",
      text: { content: item.text, link },
      annotations: plainAnnotations,
      plain_text: item.text,
      href: item.link ?? null,
    };
  }
  if ("equation" in item) {
    return {
      type: "equation",
      equation: { expression: item.equation },
      annotations: plainAnnotations,
      plain_text: item.equation,
      href: null,
    };
  }
  return {
    type: "mention",
    mention: mention(item.mention),
    annotations: plainAnnotations,
    plain_text: item.plain_text,
    href: "page" in item.mention ? `https://www.notion.so/${item.mention.page.replaceAll("-", "")}` : null,
  };
}

function mention(target: { page: string } | { user: string } | { date: string }): Record<string, unknown> {
  if ("page" in target) return { type: "page", page: { id: target.page } };
  if ("user" in target) return { type: "user", user: { object: "user", id: target.user } };
  return { type: "date", date: { start: target.date, end: null, time_zone: null } };
}

/** The concatenated `plain_text` of rich text, e.g. for title matching in search. */
export function plainText(input: RichTextInput): string {
  if (typeof input === "string") return input;
  return input
    .map((item) => ("text" in item ? item.text : "equation" in item ? item.equation : item.plain_text))
    .join("");
}
