import type { BlockObjectResponse } from "@notionhq/client";
import type { BlockNode } from "./block-node.ts";
import { codeBlockToMarkdown } from "./code-block-to-markdown.ts";
import { escapeLinkDestination } from "./escape-link-destination.ts";
import { escapeMarkdown } from "./escape-markdown.ts";
import { mediaBlockText } from "./media-block-text.ts";
import { richTextToMarkdown } from "./rich-text-to-markdown.ts";
import { tableToMarkdown } from "./table-to-markdown.ts";

interface Rendered {
  text: string;
  /** List-like items sit on consecutive lines; everything else is separated by a blank line. */
  listItem: boolean;
}

/** Blocks with nothing worth indexing, and AI blocks the API cannot read: dropped with their children. */
const skipped = new Set<string>([
  "breadcrumb",
  "table_of_contents",
  "template",
  "link_to_page",
  "unsupported",
  "ai_block",
]);

/**
 * A fetched Notion block tree as Markdown. Every block type is handled or skipped: an unknown type
 * keeps its children's text and drops its own, never failing the page.
 */
export function blocksToMarkdown(tree: { readonly blocks: readonly BlockNode[] }): string {
  return renderNodes(tree.blocks);
}

function renderNodes(nodes: readonly BlockNode[]): string {
  const parts: Rendered[] = [];
  let previousType: string | undefined;
  let number = 0;
  for (const node of nodes) {
    const { block } = node;
    if (block.type === "numbered_list_item") {
      number =
        previousType === "numbered_list_item" ? number + 1 : (block.numbered_list_item.list_start_index ?? 1);
    }
    previousType = block.type;
    const rendered = renderNode(node, number);
    if (rendered.text.trim() !== "") parts.push(rendered);
  }
  let markdown = "";
  parts.forEach((part, index) => {
    if (index > 0) markdown += part.listItem && parts[index - 1]?.listItem ? "\n" : "\n\n";
    markdown += part.text;
  });
  return markdown;
}

function renderNode(node: BlockNode, number: number): Rendered {
  const { block, children } = node;
  const type: string = block.type;
  if (skipped.has(type)) return paragraph("");
  switch (block.type) {
    case "paragraph":
      return paragraph(joinBlocks(richTextToMarkdown(block.paragraph.rich_text), renderNodes(children)));
    case "heading_1":
      return heading(1, block.heading_1.rich_text, children);
    case "heading_2":
      return heading(2, block.heading_2.rich_text, children);
    case "heading_3":
      return heading(3, block.heading_3.rich_text, children);
    case "heading_4":
      return heading(4, block.heading_4.rich_text, children);
    case "bulleted_list_item":
      return listItem("- ", richTextToMarkdown(block.bulleted_list_item.rich_text), children);
    case "numbered_list_item":
      return listItem(`${number}. `, richTextToMarkdown(block.numbered_list_item.rich_text), children);
    case "to_do":
      return listItem(
        `- [${block.to_do.checked ? "x" : " "}] `,
        richTextToMarkdown(block.to_do.rich_text),
        children,
      );
    case "toggle":
      return listItem("- ", richTextToMarkdown(block.toggle.rich_text), children);
    case "quote":
      return paragraph(quote(joinBlocks(richTextToMarkdown(block.quote.rich_text), renderNodes(children))));
    case "callout":
      return paragraph(quote(joinBlocks(calloutText(block), renderNodes(children))));
    case "code":
      return paragraph(codeBlockToMarkdown(block));
    case "equation":
      return paragraph(`$$\n${block.equation.expression}\n$$`);
    case "divider":
      return paragraph("---");
    case "table":
      return paragraph(tableToMarkdown(block, children));
    case "image":
    case "video":
    case "pdf":
    case "file":
    case "audio":
      return paragraph(mediaBlockText(block));
    case "bookmark":
      return paragraph(link(block.bookmark.url, richTextToMarkdown(block.bookmark.caption)));
    case "embed":
      return paragraph(link(block.embed.url, richTextToMarkdown(block.embed.caption)));
    case "link_preview":
      return paragraph(link(block.link_preview.url, ""));
    case "child_page":
      return paragraph(`Subpage: ${escapeMarkdown(block.child_page.title)}`);
    case "child_database":
      return paragraph(`Database: ${escapeMarkdown(block.child_database.title)}`);
    case "meeting_notes":
      return paragraph(
        joinBlocks(richTextToMarkdown(block.meeting_notes.title ?? []), renderNodes(children)),
      );
    case "transcription":
      return paragraph(
        joinBlocks(richTextToMarkdown(block.transcription.title ?? []), renderNodes(children)),
      );
    default:
      // column_list, column, synced_block, tab, table_row outside a table, and types newer than this code.
      return paragraph(renderNodes(children));
  }
}

function paragraph(text: string): Rendered {
  return { text, listItem: false };
}

function joinBlocks(...parts: string[]): string {
  return parts.filter((part) => part.trim() !== "").join("\n\n");
}

/** A heading; a toggleable heading's children follow it at the same level. */
function heading(
  level: number,
  richText: Parameters<typeof richTextToMarkdown>[0],
  children: readonly BlockNode[],
): Rendered {
  const title = richTextToMarkdown(richText)
    .replace(/\s*\n\s*/g, " ")
    .trim();
  return paragraph(joinBlocks(title === "" ? "" : `${"#".repeat(level)} ${title}`, renderNodes(children)));
}

/** A list item; children are indented to the item's content column so they nest. */
function listItem(marker: string, text: string, children: readonly BlockNode[]): Rendered {
  const nested = renderNodes(children);
  const contentColumn = marker.startsWith("- [") ? 2 : marker.length;
  const item = `${marker}${indent(text, marker.length)}`.trimEnd();
  return { text: nested === "" ? item : `${item}\n${indent(nested, contentColumn, true)}`, listItem: true };
}

function indent(text: string, width: number, firstLine = false): string {
  const padding = " ".repeat(width);
  return text
    .split("\n")
    .map((line, index) => (line === "" || (index === 0 && !firstLine) ? line : `${padding}${line}`))
    .join("\n");
}

function quote(text: string): string {
  if (text === "") return "";
  return text
    .split("\n")
    .map((line) => (line === "" ? ">" : `> ${line}`))
    .join("\n");
}

function calloutText(block: Extract<BlockObjectResponse, { type: "callout" }>): string {
  const icon = block.callout.icon?.type === "emoji" ? `${block.callout.icon.emoji} ` : "";
  return `${icon}${richTextToMarkdown(block.callout.rich_text)}`.trim();
}

function link(url: string, caption: string): string {
  if (url === "") return caption;
  return `[${caption.trim() === "" ? escapeMarkdown(url) : caption.trim()}](${escapeLinkDestination(url)})`;
}
