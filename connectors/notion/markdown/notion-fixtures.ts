import type { BlockObjectResponse, PageObjectResponse, RichTextItemResponse } from "@notionhq/client";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { BlockNode } from "./block-node.ts";
import type { BlockChildrenPage } from "./fetch-block-tree.ts";

/** Builders for Notion API objects shaped like @notionhq/client's response types, for tests. */

type BlockType = BlockObjectResponse["type"];
type BlockOf<T extends BlockType> = Extract<BlockObjectResponse, { type: T }>;
type Annotations = RichTextItemResponse["annotations"];

const time = "2026-01-05T10:00:00.000Z";
const user = { object: "user", id: "user-1" } as const;
const plain: Annotations = {
  bold: false,
  italic: false,
  strikethrough: false,
  underline: false,
  code: false,
  color: "default",
};
let nextId = 0;

export function text(content: string, annotations: Partial<Annotations> = {}, href: string | null = null) {
  return {
    type: "text",
    text: { content, link: href === null ? null : { url: href } },
    plain_text: content,
    href,
    annotations: { ...plain, ...annotations },
  } satisfies RichTextItemResponse;
}

export function pageMention(title: string, pageId: string) {
  return {
    type: "mention",
    mention: { type: "page", page: { id: pageId } },
    plain_text: title,
    href: `https://www.notion.so/${pageId}`,
    annotations: plain,
  } satisfies RichTextItemResponse;
}

export function userMention(name: string) {
  return {
    type: "mention",
    mention: {
      type: "user",
      user: { object: "user", id: "user-2", name, avatar_url: null, type: "person", person: {} },
    },
    plain_text: `@${name}`,
    href: null,
    annotations: plain,
  } satisfies RichTextItemResponse;
}

export function inlineEquation(expression: string) {
  return {
    type: "equation",
    equation: { expression },
    plain_text: expression,
    href: null,
    annotations: plain,
  } satisfies RichTextItemResponse;
}

export function block<T extends BlockType>(
  type: T,
  content: BlockOf<T>[T & keyof BlockOf<T>],
  options: { id?: string; hasChildren?: boolean } = {},
): BlockOf<T> {
  nextId += 1;
  return {
    object: "block",
    id: options.id ?? `block-${nextId}`,
    parent: { type: "page_id", page_id: "page-root" },
    created_time: time,
    created_by: user,
    last_edited_time: time,
    last_edited_by: user,
    has_children: options.hasChildren ?? false,
    in_trash: false,
    archived: false,
    type,
    [type]: content,
  } as BlockOf<T>;
}

/** A block type the SDK does not know, as the API may still return it. */
export function unknownBlock(
  type: string,
  options: { id?: string; hasChildren?: boolean } = {},
): BlockObjectResponse {
  const base = block("divider", {}, options);
  const { divider: _divider, ...rest } = base;
  return { ...rest, type, [type]: {} } as unknown as BlockObjectResponse;
}

export function paragraph(...richText: RichTextItemResponse[]) {
  return block("paragraph", { rich_text: richText, color: "default", icon: null });
}

export function bullet(content: string, options: { id?: string; hasChildren?: boolean } = {}) {
  return block("bulleted_list_item", { rich_text: [text(content)], color: "default" }, options);
}

export function numbered(content: string, options: { id?: string; hasChildren?: boolean } = {}) {
  return block("numbered_list_item", { rich_text: [text(content)], color: "default" }, options);
}

export function node(value: BlockObjectResponse, children: BlockNode[] = []): BlockNode {
  return { block: value, children };
}

/**
 * A stand-in for `blocks.children.list`: serves each block's children in pages of `pageSize` and
 * records every call.
 */
export function fakeListChildren(children: Record<string, BlockObjectResponse[]>, pageSize = 2) {
  const calls: { blockId: string; cursor: string | undefined }[] = [];
  const listChildren = async (blockId: string, cursor?: string): Promise<BlockChildrenPage> => {
    calls.push({ blockId, cursor });
    const all = children[blockId];
    if (all === undefined) throw new AppError(ErrorCode.NotFound, `No block ${blockId}`);
    const start = cursor === undefined ? 0 : Number(cursor);
    const end = start + pageSize;
    return {
      results: all.slice(start, end),
      has_more: end < all.length,
      next_cursor: end < all.length ? String(end) : null,
    };
  };
  return { listChildren, calls };
}

export function pageObject(properties: PageObjectResponse["properties"]): PageObjectResponse {
  return {
    object: "page",
    id: "page-root",
    created_time: time,
    last_edited_time: time,
    in_trash: false,
    archived: false,
    is_archived: false,
    is_locked: false,
    url: "https://www.notion.so/page-root",
    public_url: null,
    parent: { type: "workspace", workspace: true },
    properties,
    icon: null,
    cover: null,
    created_by: user,
    last_edited_by: user,
  };
}
