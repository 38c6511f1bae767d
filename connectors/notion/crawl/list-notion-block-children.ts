import { type Client, isFullBlock } from "@notionhq/client";
import type { ListBlockChildren } from "../markdown/fetch-block-tree.ts";

/** `blocks.children.list` through the SDK, 100 at a time, as fetchBlockTree wants it. */
export function listNotionBlockChildren(client: Client): ListBlockChildren {
  return async (blockId, cursor) => {
    const page = await client.blocks.children.list({
      block_id: blockId,
      page_size: 100,
      ...(cursor === undefined ? {} : { start_cursor: cursor }),
    });
    return {
      results: page.results.filter(isFullBlock),
      next_cursor: page.next_cursor,
      has_more: page.has_more,
    };
  };
}
