import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { QdrantClient } from "@qdrant/js-client-rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vectorStoreContract } from "../../../test/contracts/vector-store-contract.ts";
import { type QdrantStandIn, startQdrantStandIn } from "../../../test/stand-ins/qdrant-server.ts";
import { AppError } from "../../errors/app-error.ts";
import { createQdrantStore } from "./qdrant-store.ts";
import type { ChunkRecord } from "./vector-store.ts";

vectorStoreContract("qdrant stand-in", async ({ dimensions }) => {
  const standIn = await startQdrantStandIn();
  return { store: createQdrantStore({ url: standIn.url, dimensions }), cleanup: () => standIn.close() };
});

const realUrl = process.env.QDRANT_URL;
if (realUrl) {
  vectorStoreContract(`qdrant at ${realUrl}`, async ({ dimensions }) => {
    const apiKey = process.env.QDRANT_API_KEY;
    const collectionPrefix = `sabio_test_${randomUUID().slice(0, 8)}_`;
    const store = createQdrantStore({
      url: realUrl,
      dimensions,
      collectionPrefix,
      ...(apiKey ? { apiKey } : {}),
    });
    const cleanup = async () => {
      const client = new QdrantClient({
        url: realUrl,
        checkCompatibility: false,
        ...(apiKey ? { apiKey } : {}),
      });
      const { collections } = await client.getCollections();
      for (const { name } of collections)
        if (name.startsWith(collectionPrefix)) await client.deleteCollection(name);
    };
    return { store, cleanup };
  });
}

describe("createQdrantStore", () => {
  let standIn: QdrantStandIn;
  beforeAll(async () => {
    standIn = await startQdrantStandIn();
  });
  afterAll(() => standIn.close());
  const store = (dimensions = 4) => createQdrantStore({ url: standIn.url, dimensions });

  it("creates a collection with a dense and an IDF sparse vector and indexes the filtered fields", async () => {
    await store().upsert("acme", [chunk("a", null)]);
    const create = standIn.requests.find(
      (request) => request.method === "PUT" && request.path === "/collections/sabio_acme",
    );
    expect(create?.body).toEqual({
      vectors: { dense: { size: 4, distance: "Cosine" } },
      sparse_vectors: { lexical: { modifier: "idf" } },
    });
    const indexed = standIn.requests
      .filter((request) => request.path === "/collections/sabio_acme/index")
      .map((request) => request.body);
    expect(indexed).toEqual(
      expect.arrayContaining([
        { field_name: "documentId", field_schema: "keyword" },
        { field_name: "source", field_schema: "keyword" },
        { field_name: "chunkIndex", field_schema: "integer" },
        { field_name: "hasVector", field_schema: "bool" },
      ]),
    );
  });

  it("prefetches dense and sparse and fuses with RRF; searches lexically alone without a vector", async () => {
    const subject = store();
    await subject.upsert("query-shape", [chunk("a", [1, 0, 0, 0])]);
    const lexical = { indices: [7], values: [1] };
    await subject.search("query-shape", { vector: [1, 0, 0, 0], lexicalText: "a", lexical, limit: 5 });
    await subject.search("query-shape", {
      vector: null,
      lexicalText: "a",
      lexical,
      limit: 5,
      sources: ["files"],
    });
    const [hybrid, lexicalOnly] = standIn.requests
      .filter((request) => request.path === "/collections/sabio_query-shape/points/query")
      .map((request) => request.body as Record<string, unknown>);
    expect(hybrid).toMatchObject({
      query: { fusion: "rrf" },
      limit: 5,
      prefetch: [
        { query: [1, 0, 0, 0], using: "dense" },
        { query: lexical, using: "lexical" },
      ],
    });
    expect(lexicalOnly).toMatchObject({
      query: lexical,
      using: "lexical",
      filter: { must: [{ key: "source", match: { any: ["files"] } }] },
    });
  });

  it("refuses an existing collection built for other dimensions", async () => {
    await store(4).upsert("sized", [chunk("a", null)]);
    await expect(store(8).upsert("sized", [chunk("b", null)])).rejects.toMatchObject({
      code: "invalid_config",
    });
  });

  it("maps server errors: 5xx and 429 retryable, other 4xx not", async () => {
    const subject = store();
    standIn.failNext(503, "Service unavailable");
    await expect(subject.countChunks("acme")).rejects.toMatchObject({ code: "unavailable", retryable: true });
    standIn.failNext(429, "Too many requests");
    await expect(subject.countChunks("acme")).rejects.toMatchObject({
      code: "rate_limited",
      retryable: true,
    });
    standIn.failNext(400, "Wrong input: broken");
    await expect(subject.countChunks("acme")).rejects.toMatchObject({
      code: "upstream_error",
      retryable: false,
    });
  });

  it("sends the API key and reports a wrong one as a configuration error", async () => {
    const guarded = await startQdrantStandIn({ apiKey: "secret" });
    try {
      // The client warns once about a key over plain http: expected here.
      await expect(
        createQdrantStore({ url: guarded.url, apiKey: "secret", dimensions: 4 }).ping(),
      ).resolves.toBeUndefined();
      const wrong = createQdrantStore({ url: guarded.url, apiKey: "nope", dimensions: 4 });
      await expect(wrong.ping()).rejects.toMatchObject({ code: "invalid_config", retryable: false });
    } finally {
      await guarded.close();
    }
  });

  it("reports an unreachable Qdrant as unavailable, naming the URL", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const unreachable = createQdrantStore({ url, dimensions: 4, timeoutMs: 2_000 });
    const error = await unreachable.ping().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "unavailable", retryable: true });
    expect((error as AppError).hint).toContain(url);
    await expect(
      unreachable.search("acme", {
        vector: null,
        lexicalText: "a",
        lexical: { indices: [1], values: [1] },
        limit: 3,
      }),
    ).rejects.toMatchObject({ code: "unavailable" });
  });
});

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 1;
}

function chunk(name: string, vector: number[] | null): ChunkRecord {
  return {
    id: randomUUID(),
    documentId: `doc-${name}`,
    source: "files",
    chunkIndex: 0,
    title: name,
    url: `file:///${name}`,
    text: name,
    lexicalText: name,
    lexical: { indices: [7], values: [1] },
    vector,
    updatedAt: "2024-01-01T00:00:00.000Z",
  };
}
