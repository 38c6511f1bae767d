import { QdrantClient } from "@qdrant/js-client-rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type QdrantStandIn, startQdrantStandIn } from "../qdrant-server.ts";

/** The stand-in is checked through the real client, so paths, envelopes and errors are what it expects. */
describe("Qdrant stand-in", () => {
  let standIn: QdrantStandIn;
  let client: QdrantClient;
  const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, "0")}`;

  beforeAll(async () => {
    standIn = await startQdrantStandIn();
    client = new QdrantClient({ url: standIn.url, checkCompatibility: false });
    await client.createCollection("docs", {
      vectors: { dense: { size: 2, distance: "Cosine" } },
      sparse_vectors: { lexical: { modifier: "idf" } },
    });
    await client.upsert("docs", {
      wait: true,
      points: [
        {
          id: id(1),
          vector: { dense: [1, 0], lexical: { indices: [1, 2], values: [1, 1] } },
          payload: { n: 1 },
        },
        { id: id(2), vector: { dense: [0, 3], lexical: { indices: [2], values: [2] } }, payload: { n: 2 } },
        { id: id(3), vector: { lexical: { indices: [3], values: [1] } }, payload: { n: 3 } },
      ],
    });
  });
  afterAll(() => standIn.close());

  it("answers a missing collection with Qdrant's 404 body", async () => {
    expect(await client.collectionExists("nope")).toEqual({ exists: false });
    const error = await client.getCollection("nope").catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      status: 404,
      data: { status: { error: "Not found: Collection `nope` doesn't exist!" } },
    });
  });

  it("refuses to create an existing collection with 409", async () => {
    const error = await client
      .createCollection("docs", { vectors: { dense: { size: 2, distance: "Cosine" } } })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 409 });
  });

  it("scores sparse queries with IDF over the collection", async () => {
    const { points } = await client.query("docs", { query: { indices: [2], values: [1] }, using: "lexical" });
    const idf = Math.log(1 + (3 - 2 + 0.5) / (2 + 0.5));
    expect(points.map((point) => [point.id, point.score])).toEqual([
      [id(2), 2 * idf],
      [id(1), idf],
    ]);
  });

  it("scores dense queries by cosine and skips points without the vector", async () => {
    const { points } = await client.query("docs", { query: [1, 1], using: "dense", with_payload: true });
    expect(points.map((point) => point.id)).toEqual([id(1), id(2)]);
    expect(points[0]?.score).toBeCloseTo(Math.SQRT1_2);
    expect(points[0]?.payload).toEqual({ n: 1 });
  });

  it("fuses prefetches with RRF as Qdrant does (k = 2, positions from 0)", async () => {
    const { points } = await client.query("docs", {
      prefetch: [
        { query: [0, 1], using: "dense" },
        { query: { indices: [1, 3], values: [1, 1] }, using: "lexical" },
      ],
      query: { fusion: "rrf" },
    });
    const byId = Object.fromEntries(points.map((point) => [point.id, point.score]));
    expect(byId[id(1)]).toBeCloseTo(1 / 3 + 1 / 2);
    expect(byId[id(2)]).toBeCloseTo(1 / 2);
  });

  it("filters, counts and orders scrolls only by an indexed field", async () => {
    const filter = { must: [{ key: "n", range: { gte: 2 } }] };
    expect(await client.count("docs", { filter })).toEqual({ count: 2 });
    const unindexed = await client.scroll("docs", { order_by: "n" }).catch((caught: unknown) => caught);
    expect(unindexed).toMatchObject({ status: 400 });
    await client.createPayloadIndex("docs", { field_name: "n", field_schema: "integer", wait: true });
    const page = await client.scroll("docs", { filter, order_by: { key: "n", direction: "desc" }, limit: 1 });
    expect(page.points.map((point) => point.id)).toEqual([id(3)]);
  });

  it("answers an update of a missing point with 404", async () => {
    const error = await client
      .updateVectors("docs", { points: [{ id: id(9), vector: { dense: [1, 0] } }] })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 404 });
  });
});
