import { describe, expect, it } from "vitest";
import {
  block,
  bullet,
  fakeListChildren,
  paragraph,
  text,
  unknownBlock,
} from "#test/fixtures/notion-fixtures.ts";
import { fetchBlockTree } from "./fetch-block-tree.ts";

describe("fetchBlockTree", () => {
  it("paginates at two levels, in pages of 2", async () => {
    const parent = bullet("parent", { id: "parent", hasChildren: true });
    const { listChildren, calls } = fakeListChildren({
      root: [paragraph(text("a")), parent, paragraph(text("b")), paragraph(text("c")), paragraph(text("d"))],
      parent: [bullet("x"), bullet("y"), bullet("z")],
    });
    const tree = await fetchBlockTree("root", listChildren);
    expect(tree.blocks).toHaveLength(5);
    expect(tree.blocks[1]?.children.map((child) => child.block.id)).toHaveLength(3);
    expect(tree.fetches).toBe(5);
    expect(calls).toEqual([
      { blockId: "root", cursor: undefined },
      { blockId: "root", cursor: "2" },
      { blockId: "root", cursor: "4" },
      { blockId: "parent", cursor: undefined },
      { blockId: "parent", cursor: "2" },
    ]);
    expect(tree.blockCount).toBe(8);
    expect(tree.truncated).toBe(false);
  });

  it("terminates on synced blocks that reference each other", async () => {
    const { listChildren, calls } = fakeListChildren({
      root: [block("synced_block", { synced_from: { type: "block_id", block_id: "a" } })],
      a: [
        paragraph(text("in a")),
        block("synced_block", { synced_from: { type: "block_id", block_id: "b" } }),
      ],
      b: [
        paragraph(text("in b")),
        block("synced_block", { synced_from: { type: "block_id", block_id: "a" } }),
      ],
    });
    const tree = await fetchBlockTree("root", listChildren);
    expect(calls.map((call) => call.blockId)).toEqual(["root", "a", "b"]);
    const inA = tree.blocks[0]?.children;
    expect(inA?.[0]?.block.type).toBe("paragraph");
    expect(inA?.[1]?.children[1]?.children).toEqual([]);
  });

  it("reports child pages and databases without descending", async () => {
    const { listChildren, calls } = fakeListChildren({
      root: [
        block("child_page", { title: "Runbook" }, { id: "page-2", hasChildren: true }),
        block("child_database", { title: "Tasks" }, { id: "db-1", hasChildren: true }),
        unknownBlock("ai_block", { hasChildren: true }),
        block("unsupported", { block_type: "form" }, { hasChildren: true }),
      ],
    });
    const tree = await fetchBlockTree("root", listChildren);
    expect(tree.childPages).toEqual(["page-2"]);
    expect(tree.childDatabases).toEqual(["db-1"]);
    expect(calls.map((call) => call.blockId)).toEqual(["root", "root"]);
  });

  it("keeps the page when a synced original is not shared, and fails when the root is", async () => {
    const { listChildren } = fakeListChildren({
      root: [
        block("synced_block", { synced_from: { type: "block_id", block_id: "hidden" } }),
        paragraph(text("ok")),
      ],
    });
    const tree = await fetchBlockTree("root", listChildren);
    expect(tree.unreadableBlocks).toEqual(["hidden"]);
    expect(tree.blocks).toHaveLength(2);
    await expect(fetchBlockTree("gone", listChildren)).rejects.toThrow("No block gone");
  });

  it("stops at maxBlocks and says so", async () => {
    const { listChildren } = fakeListChildren({ root: [bullet("1"), bullet("2"), bullet("3")] });
    const tree = await fetchBlockTree("root", listChildren, { maxBlocks: 2 });
    expect(tree.blocks).toHaveLength(2);
    expect(tree.truncated).toBe(true);
  });

  it("walks a very deep tree without recursion", async () => {
    const children: Record<string, ReturnType<typeof bullet>[]> = {};
    for (let depth = 0; depth < 5000; depth += 1) {
      children[depth === 0 ? "root" : `b${depth - 1}`] = [
        bullet(`level ${depth}`, { id: `b${depth}`, hasChildren: true }),
      ];
    }
    children.b4999 = [];
    const tree = await fetchBlockTree("root", fakeListChildren(children).listChildren);
    expect(tree.blockCount).toBe(5000);
  });
});
