import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "@lancedb/lancedb";
import { Field, Schema, Utf8 } from "apache-arrow";
import { describe, expect, it } from "vitest";
import type { DocumentAccess } from "../document.ts";
import { accessKeys } from "./access-keys.ts";
import {
  accessColumn,
  chunkRow,
  chunkSchema,
  legacyAccessColumn,
  workspaceTableName,
} from "./lancedb-schema.ts";
import { createLanceDbStore } from "./lancedb-store.ts";
import type { ChunkRecord, StoreQuery } from "./vector-store.ts";

const vector = [1, 0, 0, 0];

function chunk(id: string, access?: DocumentAccess | null): ChunkRecord {
  return {
    id,
    documentId: `doc-${id}`,
    source: "drive",
    chunkIndex: 0,
    title: id,
    url: `https://drive.test/${id}`,
    text: id,
    lexicalText: id,
    lexical: { indices: [], values: [] },
    vector,
    updatedAt: "2024-01-01T00:00:00.000Z",
    ...(access === undefined ? {} : { access }),
  };
}

const query = (viewer: StoreQuery["viewer"]): StoreQuery => ({
  vector,
  lexicalText: "",
  lexical: { indices: [], values: [] },
  limit: 10,
  ...(viewer ? { viewer } : {}),
});

describe("LanceDB access column", () => {
  it("moves keys an earlier version kept in a string into the indexed list, and drops the string", async () => {
    const directory = await mkdtemp(join(tmpdir(), "sabio-lancedb-"));
    try {
      // The earlier layout: " k1 k2 " in a nullable string column (null = written before access).
      const old = await connect(directory);
      const fields = chunkSchema(4).fields.filter((field) => field.name !== accessColumn);
      const schema = new Schema([...fields, new Field(legacyAccessColumn, new Utf8(), true)]);
      const table = await old.createEmptyTable(workspaceTableName("acme"), schema);
      const legacyRow = (record: ChunkRecord, cell: string | null) => {
        const { [accessColumn]: _list, ...row } = chunkRow(record);
        return { ...row, [legacyAccessColumn]: cell };
      };
      const bob = { users: ["bob@example.com"] };
      await table.add([
        legacyRow(chunk("bobs"), ` ${accessKeys(bob).join(" ")} `),
        legacyRow(chunk("open"), " * "),
        legacyRow(chunk("ancient"), null),
      ]);
      table.close();
      old.close();

      const store = createLanceDbStore({ directory, dimensions: 4 });
      const ids = async (viewer: StoreQuery["viewer"]) =>
        (await store.search("acme", query(viewer))).map((result) => result.id).sort();
      expect(await ids({ email: "alice@example.com" })).toEqual(["ancient", "open"]);
      expect(await ids({ email: "bob@example.com" })).toEqual(["ancient", "bobs", "open"]);
      // Rows written and rewritten after the move follow the new column.
      await store.upsert("acme", [chunk("fresh", { domains: ["example.com"] })]);
      await store.setDocumentAccess("acme", "doc-open", { users: ["carol@other.com"] });
      expect(await ids({ email: "alice@example.com" })).toEqual(["ancient", "fresh"]);
      await store.close();

      const reopened = await connect(directory);
      const migrated = await reopened.openTable(workspaceTableName("acme"));
      const names = (await migrated.schema()).fields.map((field) => field.name);
      expect(names).toContain(accessColumn);
      expect(names).not.toContain(legacyAccessColumn);
      const indices = await migrated.listIndices();
      expect(indices.find((index) => index.columns.includes(accessColumn))?.indexType).toBe("LabelList");
      // The filter is answered by that index, not a scan of every row.
      const plan = await migrated
        .query()
        .where(`array_has_any(${accessColumn}, make_array('*'))`)
        .explainPlan(true);
      expect(plan).toContain("ScalarIndexQuery");
      migrated.close();
      reopened.close();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
