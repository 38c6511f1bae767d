import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "../../shared/errors/app-error.ts";
import type { SparseVector } from "../../shared/knowledge/lexical/sparse-vector.ts";
import type { ChunkRecord, StoreQuery, VectorStore } from "../../shared/knowledge/store/vector-store.ts";

export interface ContractSubject {
  store: VectorStore;
  /** Removes whatever the factory created (temp folders, collections); called after store.close(). */
  cleanup: () => Promise<void>;
}

/** Small vectors keep the suite fast; adapters must be created with these dimensions. */
const dimensions = 8;

/**
 * The behaviour every VectorStore adapter shares. lexicalText is already analyzed text (the
 * analyzer runs upstream), so the suite writes plain terms. Each test uses fresh workspaces.
 */
export function vectorStoreContract(
  name: string,
  factory: (options: { dimensions: number }) => Promise<ContractSubject>,
): void {
  describe(`VectorStore contract: ${name}`, () => {
    let subject: ContractSubject;
    const used: string[] = [];
    const store = () => subject.store;
    const workspace = () => {
      const id = `contract_${randomUUID().slice(0, 8)}`;
      used.push(id);
      return id;
    };

    beforeAll(async () => {
      subject = await factory({ dimensions });
    });

    afterAll(async () => {
      if (!subject) return;
      for (const id of used) await subject.store.dropWorkspace(id);
      await subject.store.close();
      await subject.cleanup();
    });

    it("answers ping", async () => {
      await expect(store().ping()).resolves.toBeUndefined();
    });

    it("reads a workspace that was never written as empty", async () => {
      const ws = workspace();
      expect(await store().search(ws, query({ terms: "anything", vector: axis(0) }))).toEqual([]);
      expect(await store().countChunks(ws)).toBe(0);
      expect(await store().chunksMissingVectors(ws, 10)).toEqual([]);
      await store().deleteDocumentChunks(ws, "doc", 0);
      await store().setVectors(ws, [{ id: randomUUID(), vector: axis(1) }]);
      expect(await store().countChunks(ws)).toBe(0);
    });

    it("finds a chunk by its terms and returns its fields", async () => {
      const ws = workspace();
      const target = chunk({ terms: "zebra stripe savanna", title: "Zebras", vector: axis(1) });
      await store().upsert(ws, [
        chunk({ terms: "apple orchard" }),
        target,
        chunk({ terms: "cherry blossom" }),
      ]);
      const [top, ...rest] = await store().search(ws, query({ terms: "zebra" }));
      expect(rest).toEqual([]);
      expect(top).toMatchObject({
        id: target.id,
        documentId: target.documentId,
        source: target.source,
        chunkIndex: target.chunkIndex,
        title: "Zebras",
        url: target.url,
        text: target.text,
      });
      expect(top?.score).toBeGreaterThan(0);
    });

    it("finds a chunk by meaning alone when no term matches", async () => {
      const ws = workspace();
      const near = chunk({ terms: "banana bread", vector: blend(2, 3) });
      await store().upsert(ws, [
        chunk({ terms: "apple pie", vector: axis(0) }),
        near,
        chunk({ vector: axis(5) }),
      ]);
      const results = await store().search(ws, query({ terms: "unmatched", vector: axis(2) }));
      expect(results[0]?.id).toBe(near.id);
    });

    it("ranks first the chunk that both rankings put first, and keeps lexical-only matches", async () => {
      const ws = workspace();
      const both = chunk({ terms: "durian fruit market", vector: axis(3) });
      const lexicalOnly = chunk({ terms: "durian smell", vector: null });
      await store().upsert(ws, [chunk({ terms: "mango fruit", vector: axis(4) }), both, lexicalOnly]);
      const results = await store().search(ws, query({ terms: "durian", vector: axis(3) }));
      expect(results[0]?.id).toBe(both.id);
      expect(results.map((result) => result.id)).toContain(lexicalOnly.id);
      const scores = results.map((result) => result.score);
      expect(scores).toEqual([...scores].sort((left, right) => right - left));
    });

    it("honours the limit", async () => {
      const ws = workspace();
      await store().upsert(
        ws,
        Array.from({ length: 10 }, (_, index) =>
          chunk({ terms: `common term${index}`, vector: axis(index % 8) }),
        ),
      );
      expect(await store().search(ws, query({ terms: "common", vector: axis(0), limit: 3 }))).toHaveLength(3);
    });

    it("replaces a chunk upserted again with the same id", async () => {
      const ws = workspace();
      const original = chunk({ terms: "obsolete wording", vector: axis(0) });
      await store().upsert(ws, [original]);
      await store().upsert(ws, [
        { ...chunk({ terms: "revised wording", vector: axis(1) }), id: original.id },
      ]);
      expect(await store().countChunks(ws)).toBe(1);
      expect(await store().search(ws, query({ terms: "obsolete" }))).toEqual([]);
      const [found] = await store().search(ws, query({ terms: "revised" }));
      expect(found).toMatchObject({ id: original.id, text: "revised wording" });
    });

    it("deletes only a document's tail from an index, or the whole document", async () => {
      const ws = workspace();
      const longer = Array.from({ length: 5 }, (_, index) =>
        chunk({ documentId: "doc-a", chunkIndex: index }),
      );
      const other = Array.from({ length: 2 }, (_, index) =>
        chunk({ documentId: "doc-b", chunkIndex: index }),
      );
      await store().upsert(ws, [...longer, ...other]);
      await store().deleteDocumentChunks(ws, "doc-a", 2);
      const left = await store().search(ws, query({ terms: "shared", limit: 20 }));
      const kept = left.filter((result) => result.documentId === "doc-a").map((result) => result.chunkIndex);
      expect(kept.sort((a, b) => a - b)).toEqual([0, 1]);
      expect(await store().countChunks(ws)).toBe(4);
      await store().deleteDocumentChunks(ws, "doc-a");
      expect(await store().countChunks(ws)).toBe(2);
      await store().deleteDocumentChunks(ws, "doc-b", 0);
      expect(await store().countChunks(ws)).toBe(0);
    });

    it("keeps workspaces apart", async () => {
      const first = workspace();
      const second = workspace();
      const shared = chunk({ terms: "confidential roadmap", vector: axis(6) });
      await store().upsert(first, [shared]);
      expect(await store().search(second, query({ terms: "confidential", vector: axis(6) }))).toEqual([]);
      expect(await store().countChunks(second)).toBe(0);
      await store().upsert(second, [{ ...shared, text: "second copy" }, chunk()]);
      await store().deleteDocumentChunks(second, shared.documentId);
      expect(await store().countChunks(first)).toBe(1);
      expect(await store().countChunks(second)).toBe(1);
      const [found] = await store().search(first, query({ terms: "confidential" }));
      expect(found?.text).toBe(shared.text);
    });

    it("searches chunks stored without vectors lexically at once and fills their vectors later", async () => {
      const ws = workspace();
      const newest = chunk({ terms: "pending alpha", updatedAt: "2024-03-01T00:00:00.000Z", vector: null });
      const oldest = chunk({ terms: "pending beta", updatedAt: "2024-01-01T00:00:00.000Z", vector: null });
      const middle = chunk({ terms: "pending gamma", updatedAt: "2024-02-01T00:00:00.000Z", vector: null });
      await store().upsert(ws, [newest, oldest, middle, chunk({ terms: "complete", vector: axis(0) })]);
      const [found] = await store().search(ws, query({ terms: "beta" }));
      expect(found?.id).toBe(oldest.id);
      const missing = await store().chunksMissingVectors(ws, 2);
      expect(missing).toEqual([
        { id: oldest.id, title: oldest.title, text: oldest.text },
        { id: middle.id, title: middle.title, text: middle.text },
      ]);
      await store().setVectors(ws, [
        { id: oldest.id, vector: axis(5) },
        { id: middle.id, vector: axis(6) },
        { id: newest.id, vector: axis(7) },
        { id: randomUUID(), vector: axis(1) },
      ]);
      expect(await store().chunksMissingVectors(ws, 10)).toEqual([]);
      expect(await store().countChunks(ws)).toBe(4);
      const [nearest] = await store().search(ws, query({ terms: "unmatched", vector: axis(6) }));
      expect(nearest).toMatchObject({ id: middle.id, text: middle.text, title: middle.title });
      const [lexical] = await store().search(ws, query({ terms: "gamma" }));
      expect(lexical?.id).toBe(middle.id);
    });

    it("restricts results to the given sources", async () => {
      const ws = workspace();
      const notion = chunk({ source: "notion", terms: "handbook policy", vector: axis(2) });
      await store().upsert(ws, [
        notion,
        chunk({ source: "files", terms: "handbook policy", vector: axis(2) }),
      ]);
      const results = await store().search(
        ws,
        query({ terms: "handbook", vector: axis(2), sources: ["notion"] }),
      );
      expect(results.map((result) => result.id)).toEqual([notion.id]);
      expect(await store().search(ws, query({ terms: "handbook", sources: [] }))).toEqual([]);
    });

    it("restricts results to what a viewer may see, and rewrites a document's access in place", async () => {
      const ws = workspace();
      const everyone = chunk({ terms: "payroll calendar", vector: axis(3) });
      const hr = chunk({
        terms: "payroll salaries",
        vector: axis(3),
        access: { groups: ["hr@example.com"] },
      });
      const hrSecond = { ...chunk({ terms: "payroll bonuses", vector: axis(3) }), documentId: hr.documentId };
      hrSecond.chunkIndex = 1;
      hrSecond.access = { groups: ["hr@example.com"] };
      await store().upsert(ws, [everyone, hr, hrSecond]);
      const visible = async (viewer: StoreQuery["viewer"], vector?: number[]) =>
        (
          await store().search(ws, {
            ...query({ terms: "payroll", ...(vector ? { vector } : {}) }),
            ...(viewer ? { viewer } : {}),
          })
        )
          .map((result) => result.id)
          .sort();
      const all = [everyone.id, hr.id, hrSecond.id].sort();
      expect(await visible(undefined)).toEqual(all);
      expect(await visible({ email: "ana@example.com" })).toEqual([everyone.id]);
      expect(await visible({ email: "ana@example.com", groups: ["HR@example.com"] }, axis(3))).toEqual(all);

      // Opened to one user only: every chunk of the document follows, vectors untouched.
      await store().setDocumentAccess(ws, hr.documentId, { users: ["Bob@Example.com"] });
      expect(await visible({ groups: ["hr@example.com"] }, axis(3))).toEqual([everyone.id]);
      expect(await visible({ email: "bob@example.com" }, axis(3))).toEqual(all);
      expect(await store().chunksMissingVectors(ws, 10)).toEqual([]);
      // Widened to the domain: every chunk follows again.
      await store().setDocumentAccess(ws, hr.documentId, { domains: ["example.com"] });
      expect(await visible({ email: "ana@example.com" }, axis(3))).toEqual(all);
      expect(await visible({ email: "carol@other.com" }, axis(3))).toEqual([everyone.id]);
      await store().setDocumentAccess(ws, hr.documentId, null);
      expect(await visible({ email: "carol@other.com" })).toEqual(all);
      await store().setDocumentAccess(ws, "no-such-document", { users: ["bob@example.com"] });
      await store().setDocumentAccess(workspace(), "never-written", null);
    });

    it("shows each of Drive's sharing kinds to exactly who may see it", async () => {
      const ws = workspace();
      const bobOnly = chunk({
        terms: "roadmap bob",
        vector: axis(4),
        access: { users: ["bob@example.com"] },
      });
      const domain = chunk({
        terms: "roadmap domain",
        vector: axis(4),
        access: { domains: ["example.com"] },
      });
      const anyone = chunk({ terms: "roadmap anyone", vector: axis(4), access: { public: true } });
      const group = chunk({
        terms: "roadmap group",
        vector: axis(4),
        access: { groups: ["eng@example.com"] },
      });
      const unlisted = chunk({ terms: "roadmap nobody", vector: axis(4), access: {} });
      await store().upsert(ws, [bobOnly, domain, anyone, group, unlisted]);
      const seen = async (viewer: StoreQuery["viewer"], dense: boolean) =>
        (
          await store().search(ws, {
            ...query({ terms: "roadmap", ...(dense ? { vector: axis(4) } : {}) }),
            ...(viewer ? { viewer } : {}),
          })
        )
          .map((result) => result.id)
          .sort();
      // Lexical alone and hybrid: the filter holds on both legs.
      for (const dense of [false, true]) {
        expect(await seen({ email: "bob@example.com" }, dense)).toEqual(
          [bobOnly.id, domain.id, anyone.id].sort(),
        );
        expect(await seen({ email: "Bob@EXAMPLE.com" }, dense)).toEqual(
          [bobOnly.id, domain.id, anyone.id].sort(),
        );
        expect(await seen({ email: "alice@example.com" }, dense)).toEqual([domain.id, anyone.id].sort());
        expect(await seen({}, dense)).toEqual([domain.id, anyone.id].sort());
        expect(await seen({ email: "carol@other.com" }, dense)).toEqual([anyone.id]);
        expect(await seen({ email: "dan@eng.example.com" }, dense)).toEqual([anyone.id]);
        expect(await seen({ email: "eve@example.com", groups: ["eng@example.com"] }, dense)).toEqual(
          [domain.id, anyone.id, group.id].sort(),
        );
        // No viewer: the operator sees everything, an empty list included.
        expect(await seen(undefined, dense)).toEqual(
          [bobOnly.id, domain.id, anyone.id, group.id, unlisted.id].sort(),
        );
      }
    });

    it("drops a workspace and can write it again", async () => {
      const ws = workspace();
      await store().upsert(ws, [chunk({ terms: "ephemeral" }), chunk({ vector: null })]);
      await store().dropWorkspace(ws);
      expect(await store().countChunks(ws)).toBe(0);
      expect(await store().search(ws, query({ terms: "ephemeral" }))).toEqual([]);
      expect(await store().chunksMissingVectors(ws, 10)).toEqual([]);
      await store().dropWorkspace(ws);
      await store().upsert(ws, [chunk({ terms: "reborn" })]);
      expect(await store().countChunks(ws)).toBe(1);
    });

    it("counts every chunk of large and concurrent writes", async () => {
      const ws = workspace();
      await store().upsert(
        ws,
        Array.from({ length: 600 }, (_, index) => chunk({ chunkIndex: index, vector: axis(index % 8) })),
      );
      const small = () => store().upsert(ws, [chunk(), chunk(), chunk(), chunk(), chunk()]);
      await Promise.all(Array.from({ length: 20 }, small));
      expect(await store().countChunks(ws)).toBe(700);
    });

    it("rejects vectors of the wrong size", async () => {
      const ws = workspace();
      const error = await store()
        .upsert(ws, [chunk({ vector: [1, 0] })])
        .catch((caught: unknown) => caught);
      expect(isAppError(error) && error.code).toBe("invalid_input");
    });
  });
}

type ChunkOptions = { terms?: string } & Partial<
  Pick<ChunkRecord, "vector" | "documentId" | "chunkIndex" | "source" | "title" | "updatedAt" | "access">
>;

/** Every chunk also carries the term "shared", so a query for it lists everything. */
function chunk(options: ChunkOptions = {}): ChunkRecord {
  const terms = `${options.terms ?? "filler"} shared`;
  const id = randomUUID();
  return {
    id,
    documentId: options.documentId ?? `doc-${id.slice(0, 8)}`,
    source: options.source ?? "files",
    chunkIndex: options.chunkIndex ?? 0,
    title: options.title ?? `Title ${id.slice(0, 4)}`,
    url: `https://example.test/${id}`,
    text: terms.replace(/ shared$/, ""),
    lexicalText: terms,
    lexical: sparse(terms.split(" ")),
    vector: options.vector === undefined ? axis(7) : options.vector,
    updatedAt: options.updatedAt ?? "2024-05-01T12:00:00.000Z",
    ...(options.access === undefined ? {} : { access: options.access }),
  };
}

interface QueryOptions {
  terms: string;
  vector?: number[];
  limit?: number;
  sources?: string[];
}

function query(options: QueryOptions): StoreQuery {
  const terms = options.terms.split(" ");
  return {
    vector: options.vector ?? null,
    lexicalText: terms.join(" "),
    lexical: sparse([...new Set(terms)], true),
    limit: options.limit ?? 10,
    ...(options.sources ? { sources: options.sources } : {}),
  };
}

/** Term-frequency weights under a 32-bit FNV-1a hash: the shape the real analyzer produces. */
function sparse(terms: readonly string[], unitWeights = false): SparseVector {
  const weights = new Map<number, number>();
  for (const term of terms) {
    let hash = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(term)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    weights.set(hash, unitWeights ? 1 : (weights.get(hash) ?? 0) + 1);
  }
  const indices = [...weights.keys()].sort((left, right) => left - right);
  return { indices, values: indices.map((index) => weights.get(index) ?? 0) };
}

function axis(index: number): number[] {
  return Array.from({ length: dimensions }, (_, position) => (position === index ? 1 : 0));
}

/** Mostly `main`, a little `other`: nearest to `main`, but not identical to it. */
function blend(main: number, other: number): number[] {
  return axis(main).map((value, position) => value * 0.9 + (position === other ? 0.3 : 0));
}
