import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { recordingStore } from "#test/helpers/recording-store.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type TestDatabaseLocation, testDatabaseBackends } from "#test/helpers/test-database-backends.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { countDocuments, getDocumentStates } from "../db/document-repository.ts";
import type { Database } from "../db/open-database.ts";
import { backfillVectors } from "./backfill-vectors.ts";
import type { SourceDocument } from "./document.ts";
import { createOllamaEmbedder } from "./embed/ollama-embedder.ts";
import { indexDocuments } from "./index-documents.ts";
import { analyzeText } from "./lexical/analyze-text.ts";
import { lexicalVector } from "./lexical/lexical-vector.ts";
import { searchKnowledge } from "./search-knowledge.ts";
import { createLanceDbStore } from "./store/lancedb-store.ts";
import type { VectorStore } from "./store/vector-store.ts";

const logger = silentLogger();
const postgres = testDatabaseBackends.find((backend) => backend.kind === "postgres");

function doc(externalId: string, title: string, content: string): SourceDocument {
  return {
    workspaceId: "acme",
    source: "files",
    externalId,
    title,
    url: `docs/${externalId}`,
    updatedAt: new Date("2026-11-01T00:00:00Z"),
    content,
  };
}

const longSection = (topic: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `## ${topic} part ${i}\n\n${`The ${topic} rule number ${i} says something specific. `.repeat(60)}`,
  ).join("\n\n");

describe("indexDocuments", () => {
  let location: TestDatabaseLocation;
  let database: Database;
  let ollama: OllamaStandIn;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let inner: VectorStore;
  let recorded: ReturnType<typeof recordingStore>;

  beforeAll(async () => {
    if (!postgres) throw new Error("postgres backend missing");
    location = await postgres.createLocation();
    database = await location.open();
    ollama = await startOllamaStandIn();
    temp = await makeTempDir();
    inner = createLanceDbStore({ directory: join(temp.path, "lancedb"), dimensions: 256 });
    recorded = recordingStore(inner);
  });

  afterAll(async () => {
    await inner?.close();
    await database?.close();
    await location?.destroy();
    await ollama?.stop();
    await temp?.remove();
  });

  beforeEach(() => {
    recorded.reset();
    ollama.failEmbed(null);
  });

  const dependencies = () => ({
    database,
    store: recorded.store,
    embedder: createOllamaEmbedder({ host: ollama.host, dimensions: 256 }),
    logger,
  });
  const search = async (workspaceId: string, query: string) =>
    (await searchKnowledge({ store: inner, embedder: null, logger }, workspaceId, query, { limit: 10 }))
      .results;

  it("indexes, then costs no embedding and no write when nothing changed", async () => {
    const documents = [
      doc(
        "vacation.md",
        "Vacation policy",
        "# Vacation\n\nEveryone gets twenty-five vacation days per year.",
      ),
      doc("expenses.md", "Expenses", "# Expenses\n\nHotel nights are reimbursed up to 150 EUR."),
    ];
    const first = await indexDocuments(dependencies(), {
      workspaceId: "w-idem",
      source: "files",
      documents,
      complete: true,
    });
    expect(first).toMatchObject({ documents: 2, unchanged: 0, deleted: 0, pendingVectors: 0 });
    expect(first.chunks).toBeGreaterThanOrEqual(2);
    expect(first.embedded).toBe(first.chunks);
    expect(await inner.countChunks("w-idem")).toBe(first.chunks);

    recorded.reset();
    const embedCallsBefore = ollama.requestsTo("/api/embed").length;
    const second = await indexDocuments(dependencies(), {
      workspaceId: "w-idem",
      source: "files",
      documents,
      complete: true,
    });
    expect(second).toMatchObject({ documents: 2, chunks: 0, embedded: 0, unchanged: 2, deleted: 0 });
    expect(ollama.requestsTo("/api/embed").length).toBe(embedCallsBefore);
    expect(recorded.calls).toEqual({
      upsert: 0,
      upsertedChunks: 0,
      deleteDocumentChunks: 0,
      setVectors: 0,
      setDocumentAccess: 0,
    });
  });

  it("drops the extra chunks of a document that shrank", async () => {
    const big = doc("guide.md", "Guide", `# Guide\n\n${longSection("onboarding", 8)}`);
    const first = await indexDocuments(dependencies(), {
      workspaceId: "w-shrink",
      source: "files",
      documents: [big],
      complete: true,
    });
    expect(first.chunks).toBeGreaterThan(3);
    const small = doc(
      "guide.md",
      "Guide",
      "# Guide\n\nOnboarding now fits in one short paragraph about badges.",
    );
    const second = await indexDocuments(dependencies(), {
      workspaceId: "w-shrink",
      source: "files",
      documents: [small],
      complete: true,
    });
    expect(second.chunks).toBe(1);
    expect(await inner.countChunks("w-shrink")).toBe(1);
    const hits = await search("w-shrink", "onboarding rule number");
    expect(hits.every((hit) => hit.text.includes("badges"))).toBe(true);
  });

  it("removes deleted documents and leaves no ghost of a renamed one", async () => {
    const a = doc("a.md", "Alpha", "# Alpha\n\nThe alpha launch checklist lives here.");
    const b = doc("b.md", "Beta", "# Beta\n\nThe beta rollback procedure lives here.");
    await indexDocuments(dependencies(), {
      workspaceId: "w-del",
      source: "files",
      documents: [a, b],
      complete: true,
    });
    // b.md renamed to c.md (same content), a.md deleted.
    const c = { ...b, externalId: "c.md", url: "docs/c.md" };
    const report = await indexDocuments(dependencies(), {
      workspaceId: "w-del",
      source: "files",
      documents: [c],
      complete: true,
    });
    expect(report.deleted).toBe(2);
    expect(await search("w-del", "alpha launch checklist")).toEqual([]);
    const rollback = await search("w-del", "beta rollback procedure");
    expect(rollback.map((hit) => hit.url)).toEqual(["docs/c.md"]);
    expect(await countDocuments(database.db, "w-del")).toBe(1);
  });

  it("stores chunks lexically when the embedder is down, then fills vectors in when it is back", async () => {
    ollama.failEmbed("down");
    const documents = [
      doc(
        "ops.md",
        "Operations",
        "# On-call\n\nThe on-call engineer acknowledges pages within fifteen minutes.",
      ),
    ];
    const report = await indexDocuments(dependencies(), {
      workspaceId: "w-down",
      source: "files",
      documents,
      complete: true,
    });
    expect(report.embedded).toBe(0);
    expect(report.pendingVectors).toBe(report.chunks);
    // Searchable at once, lexically.
    expect((await search("w-down", "on-call pages")).map((hit) => hit.url)).toEqual(["docs/ops.md"]);
    expect((await inner.chunksMissingVectors("w-down", 10)).length).toBe(report.chunks);

    ollama.failEmbed(null);
    const backfill = await backfillVectors(
      { store: inner, embedder: createOllamaEmbedder({ host: ollama.host, dimensions: 256 }), logger },
      "w-down",
    );
    expect(backfill).toEqual({ embedded: report.chunks, incomplete: false });
    expect(await inner.chunksMissingVectors("w-down", 10)).toEqual([]);
    // Unchanged documents still cost nothing afterwards.
    const again = await indexDocuments(dependencies(), {
      workspaceId: "w-down",
      source: "files",
      documents,
      complete: true,
    });
    expect(again).toMatchObject({ unchanged: 1, embedded: 0 });
  });

  it("keeps workspaces apart", async () => {
    await indexDocuments(dependencies(), {
      workspaceId: "w-one",
      source: "files",
      documents: [
        doc("secret.md", "Payroll", "# Payroll\n\nSalary bands for the zebra team are confidential."),
      ],
      complete: true,
    });
    await indexDocuments(dependencies(), {
      workspaceId: "w-two",
      source: "files",
      documents: [doc("other.md", "Garden", "# Garden\n\nWater the plants on Mondays.")],
      complete: true,
    });
    expect(await search("w-two", "zebra salary bands")).toEqual([]);
    expect((await search("w-one", "zebra salary bands")).length).toBe(1);
  });

  it("deletes only inside the given scope", async () => {
    const one = doc("/root/one/x.md", "X", "# X\n\nXylophone lessons on Fridays.");
    const two = doc("/root/two/y.md", "Y", "# Y\n\nYoga classes on Tuesdays.");
    await indexDocuments(dependencies(), {
      workspaceId: "w-scope",
      source: "files",
      documents: [one],
      complete: true,
      scope: "/root/one/",
    });
    const report = await indexDocuments(dependencies(), {
      workspaceId: "w-scope",
      source: "files",
      documents: [two],
      complete: true,
      scope: "/root/two/",
    });
    expect(report.deleted).toBe(0);
    expect((await search("w-scope", "xylophone lessons")).length).toBe(1);
  });

  it("keeps the last good version of a document listed as unreadable, deleting only what is gone", async () => {
    const a = doc("a.md", "Alpha", "# Alpha\n\nThe quokka onboarding checklist lives here.");
    const b = doc("b.md", "Beta", "# Beta\n\nThe beta rollback procedure lives here.");
    await indexDocuments(dependencies(), {
      workspaceId: "w-keep",
      source: "files",
      documents: [a, b],
      complete: true,
    });
    // a.md could not be read this time (corrupt, locked); b.md is really gone.
    const report = await indexDocuments(dependencies(), {
      workspaceId: "w-keep",
      source: "files",
      documents: [],
      complete: true,
      keep: ["a.md"],
    });
    expect(report.deleted).toBe(1);
    expect((await search("w-keep", "quokka onboarding")).map((hit) => hit.url)).toEqual(["docs/a.md"]);
    expect(await search("w-keep", "beta rollback procedure")).toEqual([]);
  });

  it("re-indexes an access-only change without re-embedding: the ledger and the store both follow", async () => {
    const open = doc("pay.md", "Pay", "# Pay\n\nPayslips for the wombat team arrive on the 25th.");
    await indexDocuments(dependencies(), {
      workspaceId: "w-access",
      source: "files",
      documents: [open],
      complete: true,
    });
    const viewerSearch = async (viewer: { email?: string; groups?: string[] }) => {
      const terms = "wombat payslips";
      const analyzed = analyzeText(terms);
      return inner.search("w-access", {
        vector: null,
        lexicalText: analyzed.join(" "),
        lexical: lexicalVector(analyzed),
        limit: 5,
        viewer,
      });
    };
    expect(await viewerSearch({ email: "anyone@example.com" })).toHaveLength(1);

    recorded.reset();
    const embedCallsBefore = ollama.requestsTo("/api/embed").length;
    const restricted = { ...open, access: { groups: ["finance"] } };
    const report = await indexDocuments(dependencies(), {
      workspaceId: "w-access",
      source: "files",
      documents: [restricted],
      complete: true,
    });
    expect(report).toMatchObject({ unchanged: 1, chunks: 0, embedded: 0, accessUpdated: 1 });
    expect(ollama.requestsTo("/api/embed").length).toBe(embedCallsBefore);
    expect(recorded.calls).toMatchObject({ upsert: 0, setDocumentAccess: 1 });
    expect(await viewerSearch({ email: "anyone@example.com" })).toEqual([]);
    expect(await viewerSearch({ groups: ["finance"] })).toHaveLength(1);
    const states = await getDocumentStates(database.db, "w-access", "files");
    expect(states.get("pay.md")?.access).toEqual({ groups: ["finance"] });

    // The same list again (in another order) is no change at all.
    recorded.reset();
    const again = await indexDocuments(dependencies(), {
      workspaceId: "w-access",
      source: "files",
      documents: [{ ...open, access: { groups: ["finance", "finance"] } }],
      complete: true,
    });
    expect(again.accessUpdated).toBe(0);
    expect(recorded.calls.setDocumentAccess).toBe(0);

    // Shared with the domain instead: an access change too, and its domain can see it.
    const widened = await indexDocuments(dependencies(), {
      workspaceId: "w-access",
      source: "files",
      documents: [{ ...open, access: { groups: ["finance"], domains: ["example.com"] } }],
      complete: true,
    });
    expect(widened.accessUpdated).toBe(1);
    expect(await viewerSearch({ email: "anyone@example.com" })).toHaveLength(1);
  });
});
