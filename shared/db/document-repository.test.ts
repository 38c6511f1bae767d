import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import {
  countDocuments,
  deleteDocuments,
  getDocumentStates,
  listDocumentIds,
  upsertDocument,
  upsertDocuments,
} from "./document-repository.ts";
import { documents, type NewDocumentRow } from "./schema.ts";

function documentRow(
  workspaceId: string,
  externalId: string,
  overrides: Partial<NewDocumentRow> = {},
): NewDocumentRow {
  return {
    id: `${workspaceId}:${externalId}`,
    workspaceId,
    source: "files",
    externalId,
    title: `Title of ${externalId}`,
    url: `docs/${externalId}`,
    updatedAt: new Date("2026-03-04T05:06:07.000Z"),
    contentHash: `hash-of-${externalId}`,
    chunkCount: 2,
    ...overrides,
  };
}

const newWorkspaceId = () => `ws-${randomUUID()}`;

describe.each(testDatabaseBackends)("document repository on $kind", (backend) => {
  const db = useTestDatabase(backend);

  it("stores a document and reports its state by external id", async () => {
    const workspaceId = newWorkspaceId();
    await upsertDocument(
      db(),
      documentRow(workspaceId, "a.md", {
        metadata: { tags: ["hr"], draft: false },
        access: { groups: ["staff"] },
      }),
    );

    const states = await getDocumentStates(db(), workspaceId, "files");
    expect([...states.keys()]).toEqual(["a.md"]);
    expect(states.get("a.md")).toMatchObject({
      id: `${workspaceId}:a.md`,
      contentHash: "hash-of-a.md",
      chunkCount: 2,
      updatedAt: new Date("2026-03-04T05:06:07.000Z"),
    });

    const [stored] = await db()
      .select()
      .from(documents)
      .where(eq(documents.id, `${workspaceId}:a.md`));
    expect(stored).toMatchObject({
      title: "Title of a.md",
      updatedAt: new Date("2026-03-04T05:06:07.000Z"),
      metadata: { tags: ["hr"], draft: false },
      access: { groups: ["staff"] },
    });
    expect(stored?.indexedAt).toBeInstanceOf(Date);
  });

  it("replaces a document with the same (workspace, source, external id) instead of adding one", async () => {
    const workspaceId = newWorkspaceId();
    await upsertDocument(
      db(),
      documentRow(workspaceId, "a.md", { metadata: { old: true }, access: { public: true } }),
    );
    await upsertDocument(db(), documentRow(workspaceId, "a.md", { contentHash: "changed", chunkCount: 5 }));

    const states = await getDocumentStates(db(), workspaceId, "files");
    expect(states.get("a.md")).toMatchObject({
      id: `${workspaceId}:a.md`,
      contentHash: "changed",
      chunkCount: 5,
    });
    expect(await countDocuments(db(), workspaceId)).toBe(1);
    // The row is the whole new state: fields left out return to their defaults.
    const [stored] = await db()
      .select()
      .from(documents)
      .where(eq(documents.id, `${workspaceId}:a.md`));
    expect(stored).toMatchObject({ metadata: {}, access: null });
  });

  it("upserts a batch, keeping the last version of a document listed twice", async () => {
    const workspaceId = newWorkspaceId();
    await upsertDocuments(db(), [
      documentRow(workspaceId, "a.md"),
      documentRow(workspaceId, "b.md"),
      documentRow(workspaceId, "a.md", { contentHash: "second" }),
    ]);
    await upsertDocuments(db(), []);

    const states = await getDocumentStates(db(), workspaceId, "files");
    expect(states.get("a.md")?.contentHash).toBe("second");
    expect(states.size).toBe(2);
  });

  it("lists ids by external id and keeps sources apart", async () => {
    const workspaceId = newWorkspaceId();
    await upsertDocuments(db(), [
      documentRow(workspaceId, "c.md"),
      documentRow(workspaceId, "a.md"),
      documentRow(workspaceId, "page-1", { id: `${workspaceId}:notion:page-1`, source: "notion" }),
    ]);

    expect(await listDocumentIds(db(), workspaceId, "files")).toEqual([
      `${workspaceId}:a.md`,
      `${workspaceId}:c.md`,
    ]);
    expect([...(await getDocumentStates(db(), workspaceId, "notion")).keys()]).toEqual(["page-1"]);
    expect(await countDocuments(db(), workspaceId)).toBe(3);
  });

  it("deletes by id within one workspace only", async () => {
    const workspaceId = newWorkspaceId();
    const otherWorkspaceId = newWorkspaceId();
    await upsertDocuments(db(), [
      documentRow(workspaceId, "a.md"),
      documentRow(workspaceId, "b.md"),
      documentRow(otherWorkspaceId, "a.md"),
    ]);

    const deleted = await deleteDocuments(db(), workspaceId, [
      `${workspaceId}:a.md`,
      `${otherWorkspaceId}:a.md`,
      "no-such-id",
    ]);
    expect(deleted).toBe(1);
    expect(await listDocumentIds(db(), workspaceId, "files")).toEqual([`${workspaceId}:b.md`]);
    expect(await countDocuments(db(), otherWorkspaceId)).toBe(1);
    expect(await deleteDocuments(db(), workspaceId, [])).toBe(0);
  });

  it("never mixes workspaces: states, lists and counts of A exclude B", async () => {
    const workspaceA = newWorkspaceId();
    const workspaceB = newWorkspaceId();
    await upsertDocuments(db(), [
      documentRow(workspaceA, "shared.md", { contentHash: "from-a" }),
      documentRow(workspaceB, "shared.md", { contentHash: "from-b" }),
      documentRow(workspaceB, "only-b.md"),
    ]);

    const statesA = await getDocumentStates(db(), workspaceA, "files");
    expect([...statesA.keys()]).toEqual(["shared.md"]);
    expect(statesA.get("shared.md")).toMatchObject({
      id: `${workspaceA}:shared.md`,
      contentHash: "from-a",
      chunkCount: 2,
    });
    expect(await listDocumentIds(db(), workspaceA, "files")).toEqual([`${workspaceA}:shared.md`]);
    expect(await countDocuments(db(), workspaceA)).toBe(1);
    expect(await countDocuments(db(), workspaceB)).toBe(2);
    expect(await countDocuments(db(), newWorkspaceId())).toBe(0);
  });
});
