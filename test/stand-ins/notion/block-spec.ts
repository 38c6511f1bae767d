import type { RichTextInput } from "./rich-text.ts";

type TextBlockType =
  | "paragraph"
  | "heading_1"
  | "heading_2"
  | "heading_3"
  | "bulleted_list_item"
  | "numbered_list_item"
  | "quote"
  | "toggle";

/** A block as a test writes it. `id` is optional everywhere (a UUID is made up). */
export type BlockSpec = { id?: string } & (
  | { type: TextBlockType; text: RichTextInput; children?: BlockSpec[] }
  | { type: "to_do"; text: RichTextInput; checked?: boolean; children?: BlockSpec[] }
  | { type: "callout"; text: RichTextInput; emoji?: string; children?: BlockSpec[] }
  | { type: "code"; text: RichTextInput; language?: string; caption?: RichTextInput }
  | { type: "equation"; expression: string }
  | { type: "divider" }
  | { type: "table"; rows: RichTextInput[][]; hasColumnHeader?: boolean }
  /** A real page, parented by the page (or block) holding this block; its id is the block's id. */
  | { type: "child_page"; title: string; blocks?: BlockSpec[] }
  /** A real database under the holding page; its id is the block's id. */
  | { type: "child_database"; title: string; dataSources?: DataSourceSpec[] }
  /** An original synced block (`synced_from: null`) holding its content. */
  | { type: "synced_block"; children: BlockSpec[] }
  /** A reference: its children are the original's (the original may come later, or contain this). */
  | { type: "synced_block"; synced_from: { block_id: string } }
  | { type: "image" | "file"; url: string; caption?: RichTextInput; name?: string }
  | { type: "bookmark"; url: string; caption?: RichTextInput }
  | { type: "unsupported"; blockType?: string }
  | { type: "ai_block" }
);

/** Property type names of a data-source schema, by property name (exactly one should be "title"). */
export type PropertySchema = Record<string, string>;

export interface DataSourceSpec {
  id?: string;
  name: string;
  properties?: PropertySchema;
}
