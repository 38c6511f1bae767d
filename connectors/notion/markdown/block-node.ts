import type { BlockObjectResponse } from "@notionhq/client";

/** A Notion block with its fetched children, in page order. */
export interface BlockNode {
  block: BlockObjectResponse;
  children: BlockNode[];
}
