import type { BlockObjectResponse } from "@notionhq/client";
import type { BlockNode } from "./block-node.ts";
import { isMissingBlockError } from "./is-missing-block-error.ts";

/** One page of `blocks.children.list`, the only fields read. */
export interface BlockChildrenPage {
  results: BlockObjectResponse[];
  next_cursor: string | null;
  has_more: boolean;
}

/** `blocks.children.list` for one block, one page at a time (the caller owns rate limits and retries). */
export type ListBlockChildren = (blockId: string, cursor?: string) => Promise<BlockChildrenPage>;

export interface FetchBlockTreeOptions {
  /** Stop collecting after this many blocks and mark the tree truncated. Default 10,000. */
  maxBlocks?: number;
}

export interface BlockTree {
  rootId: string;
  blocks: BlockNode[];
  /** `child_page` blocks met on the way: their own documents, not descended into. */
  childPages: string[];
  /** `child_database` blocks met on the way: crawled as data sources, not descended into. */
  childDatabases: string[];
  /** Blocks whose children could not be read (deleted or not shared): skipped, page kept. */
  unreadableBlocks: string[];
  /** Calls made to `listChildren`. */
  fetches: number;
  blockCount: number;
  /** True when `maxBlocks` cut the walk short: the content is incomplete. */
  truncated: boolean;
}

const defaultMaxBlocks = 10_000;

/** Block types whose children are never listed: separate documents, or nothing we can read. */
const notDescended = new Set<string>(["child_page", "child_database", "unsupported", "ai_block"]);

interface Task {
  /** Whose children to list: the block itself, or the original of a synced copy. */
  listId: string;
  into: BlockNode[];
}

/**
 * Fetches a page's block tree. Walks with an explicit stack (no recursion limit on deep pages),
 * follows cursors at every level, and lists each block's children at most once, so synced blocks
 * that reference each other terminate. A synced copy (`synced_from.block_id`) gets the original's
 * children; a second copy of the same original on the page stays empty (its content is already
 * there once). Child pages and databases are reported, not entered.
 */
export async function fetchBlockTree(
  rootId: string,
  listChildren: ListBlockChildren,
  options: FetchBlockTreeOptions = {},
): Promise<BlockTree> {
  const maxBlocks = options.maxBlocks ?? defaultMaxBlocks;
  const tree: BlockTree = {
    rootId,
    blocks: [],
    childPages: [],
    childDatabases: [],
    unreadableBlocks: [],
    fetches: 0,
    blockCount: 0,
    truncated: false,
  };
  const listed = new Set<string>([rootId]);
  const stack: Task[] = [{ listId: rootId, into: tree.blocks }];

  while (stack.length > 0 && !tree.truncated) {
    const task = stack.pop();
    if (task === undefined) break;
    const childTasks: Task[] = [];
    let cursor: string | undefined;
    do {
      let page: BlockChildrenPage;
      try {
        tree.fetches += 1;
        page = await listChildren(task.listId, cursor);
      } catch (error) {
        // The root failing means the page itself is unreadable: that is the caller's decision.
        if (task.listId === rootId || !isMissingBlockError(error)) throw error;
        tree.unreadableBlocks.push(task.listId);
        break;
      }
      for (const block of page.results) {
        if (tree.blockCount >= maxBlocks) {
          tree.truncated = true;
          break;
        }
        tree.blockCount += 1;
        const node: BlockNode = { block, children: [] };
        task.into.push(node);
        noteChildDocument(block, tree);
        const listId = childrenSource(block);
        if (listId !== undefined && !listed.has(listId)) {
          listed.add(listId);
          childTasks.push({ listId, into: node.children });
        }
      }
      cursor = page.has_more && page.next_cursor !== null ? page.next_cursor : undefined;
    } while (cursor !== undefined && !tree.truncated);
    // Reversed so the first child is walked first: page order decides which synced copy is filled.
    stack.push(...childTasks.reverse());
  }
  return tree;
}

function noteChildDocument(block: BlockObjectResponse, tree: BlockTree): void {
  if (block.type === "child_page") tree.childPages.push(block.id);
  else if (block.type === "child_database") tree.childDatabases.push(block.id);
}

/** Which block's children belong under this block, if any. */
function childrenSource(block: BlockObjectResponse): string | undefined {
  if (notDescended.has(block.type)) return undefined;
  if (block.type === "synced_block" && block.synced_block.synced_from !== null) {
    return block.synced_block.synced_from.block_id;
  }
  return block.has_children ? block.id : undefined;
}
