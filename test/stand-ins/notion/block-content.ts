import type { BlockSpec } from "./block-spec.ts";
import { type RichTextInput, richText } from "./rich-text.ts";

/** The type-named payload of a block (`block[block.type]`), without its children. */
export function blockContent(spec: BlockSpec): Record<string, unknown> {
  switch (spec.type) {
    case "paragraph":
    case "bulleted_list_item":
    case "numbered_list_item":
    case "quote":
    case "toggle":
      return { rich_text: richText(spec.text), color: "default" };
    case "heading_1":
    case "heading_2":
    case "heading_3":
      return { rich_text: richText(spec.text), color: "default", is_toggleable: false };
    case "to_do":
      return { rich_text: richText(spec.text), color: "default", checked: spec.checked ?? false };
    case "callout":
      return {
        rich_text: richText(spec.text),
        color: "gray_background",
        icon: { type: "emoji", emoji: spec.emoji ?? "💡" },
      };
    case "code":
      return {
        rich_text: richText(spec.text),
        caption: richText(spec.caption ?? ""),
        language: spec.language ?? "plain text",
      };
    case "equation":
      return { expression: spec.expression };
    case "divider":
      return {};
    case "table":
      return {
        table_width: spec.rows[0]?.length ?? 0,
        has_column_header: spec.hasColumnHeader ?? false,
        has_row_header: false,
      };
    case "child_page":
    case "child_database":
      return { title: spec.title };
    case "synced_block":
      return {
        synced_from: "synced_from" in spec ? { type: "block_id", block_id: spec.synced_from.block_id } : null,
      };
    case "image":
      return { type: "external", external: { url: spec.url }, caption: richText(spec.caption ?? "") };
    case "file":
      return {
        type: "external",
        external: { url: spec.url },
        caption: richText(spec.caption ?? ""),
        name: spec.name ?? spec.url.split("/").pop() ?? "file",
      };
    case "bookmark":
      return { url: spec.url, caption: richText(spec.caption ?? "") };
    case "unsupported":
      return { block_type: spec.blockType ?? "unknown" };
    case "ai_block":
      return {};
  }
}

/** A table's rows as `table_row` payloads. */
export function tableRowContent(cells: RichTextInput[]): Record<string, unknown> {
  return { cells: cells.map(richText) };
}
