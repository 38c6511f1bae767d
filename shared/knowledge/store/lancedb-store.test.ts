import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "@lancedb/lancedb";
import { Schema } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { vectorStoreContract } from "../../../test/contracts/vector-store-contract.ts";
import { isAppError } from "../../errors/app-error.ts";
import { accessColumn, chunkRow, chunkSchema, workspaceTableName } from "./lancedb-schema.ts";
import { createLanceDbStore } from "./lancedb-store.ts";

vectorStoreContract("lancedb", async ({ dimensions }) => {
  const directory = await mkdtemp(join(tmpdir(), "sabio-lancedb-"));
  return {
    store: createLanceDbStore({ directory, dimensions }),
    cleanup: () => rm(directory, { recursive: true, force: true }),
  };
});

describe("createLanceDbStore", () => {
  it("opens a table written before chunks carried access: old rows are visible to everyone", async () => {
    const directory = await mkdtemp(join(tmpdir(), "sabio-lancedb-"));
    try {
      const old = await connect(directory);
      const oldSchema = new Schema(chunkSchema(4).fields.filter((field) => field.name !== accessColumn));
      const table = await old.createEmptyTable(workspaceTableName("acme"), oldSchema);
      const { [accessColumn]: _dropped, ...row } = chunkRow(chunk("legacy", [1, 0, 0, 0]));
      await table.add([row]);
      table.close();
      old.close();
      const store = createLanceDbStore({ directory, dimensions: 4 });
      await store.upsert("acme", [
        { ...chunk("private", [1, 0, 0, 0]), access: { users: ["bob@example.com"] } },
      ]);
      const seen = await store.search("acme", {
        vector: [1, 0, 0, 0],
        lexicalText: "",
        lexical: { indices: [], values: [] },
        limit: 5,
        viewer: { email: "ana@example.com" },
      });
      expect(seen.map((result) => result.id)).toEqual(["legacy"]);
      await store.close();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("refuses a table built for other dimensions", async () => {
    const directory = await mkdtemp(join(tmpdir(), "sabio-lancedb-"));
    try {
      const first = createLanceDbStore({ directory, dimensions: 4 });
      await first.upsert("acme", [chunk("a", [1, 0, 0, 0])]);
      await first.close();
      const second = createLanceDbStore({ directory, dimensions: 8 });
      const error = await second.countChunks("acme").catch((caught: unknown) => caught);
      expect(isAppError(error) && error.code).toBe("invalid_config");
      await second.close();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("indexes analyzer terms as they are: no stemming, stop words or case folding of its own", async () => {
    const directory = await mkdtemp(join(tmpdir(), "sabio-lancedb-"));
    const store = createLanceDbStore({ directory, dimensions: 4 });
    try {
      await store.upsert("acme", [{ ...chunk("exact", null), lexicalText: "=running run the Zeta" }]);
      const search = async (lexicalText: string) =>
        (
          await store.search("acme", {
            vector: null,
            lexicalText,
            lexical: { indices: [], values: [] },
            limit: 5,
          })
        ).length;
      expect(await search("=running")).toBe(1);
      expect(await search("the")).toBe(1);
      expect(await search("Zeta")).toBe(1);
      expect(await search("runs")).toBe(0);
      expect(await search("running")).toBe(0);
      expect(await search("zeta")).toBe(0);
    } finally {
      await store.close();
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("keeps results complete before and after background index upkeep", async () => {
    const directory = await mkdtemp(join(tmpdir(), "sabio-lancedb-"));
    const store = createLanceDbStore({ directory, dimensions: 4, vectorIndexMinRows: 1_000_000 });
    try {
      await store.upsert("acme", [chunk("before", [1, 0, 0, 0])]);
      await store.optimize("acme");
      await store.upsert("acme", [chunk("after", [0, 1, 0, 0])]);
      const lexical = { vector: null, lexical: { indices: [], values: [] }, limit: 5 };
      expect((await store.search("acme", { ...lexical, lexicalText: "before" }))[0]?.id).toBe("before");
      expect((await store.search("acme", { ...lexical, lexicalText: "after" }))[0]?.id).toBe("after");
      await store.optimize("acme");
      expect((await store.search("acme", { ...lexical, lexicalText: "after" }))[0]?.id).toBe("after");
    } finally {
      await store.close();
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("builds a vector index once enough chunks have vectors and still finds the nearest", async () => {
    const directory = await mkdtemp(join(tmpdir(), "sabio-lancedb-"));
    const dimensions = 16;
    const store = createLanceDbStore({ directory, dimensions, vectorIndexMinRows: 500 });
    try {
      const vectors = Array.from({ length: 600 }, (_, index) =>
        Array.from({ length: dimensions }, (_, position) => Math.sin(index * 7.3 + position * 1.9)),
      );
      await store.upsert(
        "acme",
        vectors.map((vector, index) => chunk(`c${index}`, index % 10 === 0 ? null : vector)),
      );
      await store.optimize("acme");
      const search = (vector: number[]) =>
        store.search("acme", { vector, lexicalText: "", lexical: { indices: [], values: [] }, limit: 1 });
      expect((await search(vectors[123] ?? []))[0]?.id).toBe("c123");
      await store.upsert("acme", [chunk("late", vectors[10] ?? [])]);
      expect((await search(vectors[10] ?? []))[0]?.id).toBe("late");
    } finally {
      await store.close();
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("sees writes made through another store on the same directory", async () => {
    const directory = await mkdtemp(join(tmpdir(), "sabio-lancedb-"));
    const reader = createLanceDbStore({ directory, dimensions: 4 });
    const writer = createLanceDbStore({ directory, dimensions: 4 });
    try {
      await writer.upsert("acme", [chunk("one", null)]);
      expect(await reader.countChunks("acme")).toBe(1);
      await writer.upsert("acme", [chunk("two", null)]);
      expect(await reader.countChunks("acme")).toBe(2);
    } finally {
      await Promise.all([reader.close(), writer.close()]);
      await rm(directory, { recursive: true, force: true });
    }
  });
});

function chunk(id: string, vector: number[] | null) {
  return {
    id,
    documentId: `doc-${id}`,
    source: "files",
    chunkIndex: 0,
    title: id,
    url: `file:///${id}`,
    text: id,
    lexicalText: id,
    lexical: { indices: [], values: [] },
    vector,
    updatedAt: "2024-01-01T00:00:00.000Z",
  };
}
