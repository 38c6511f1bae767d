import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embedderContract } from "../../../test/contracts/embedder-contract.ts";
import { closedPortHost } from "../../../test/stand-ins/ollama/closed-port-host.ts";
import { recordingFetch } from "../../../test/stand-ins/ollama/recording-fetch.ts";
import { type OpenAiStandIn, startOpenAiStandIn } from "../../../test/stand-ins/openai-server.ts";
import { ErrorCode } from "../../errors/app-error.ts";
import { createOpenAiEmbedder } from "./openai-embedder.ts";

let standIn: OpenAiStandIn;
let unreachableBaseUrl = "";
beforeAll(async () => {
  standIn = await startOpenAiStandIn();
  unreachableBaseUrl = `${await closedPortHost()}/v1`;
});
afterAll(() => standIn.stop());

const inputsOf = (body: unknown) => (body as { input: string[] }).input;

describe("createOpenAiEmbedder", () => {
  embedderContract(() => ({
    embedder: createOpenAiEmbedder({ baseUrl: standIn.baseUrl }),
    missingModel: createOpenAiEmbedder({ baseUrl: standIn.baseUrl, model: "no-such-embedder" }),
    unreachable: createOpenAiEmbedder({ baseUrl: unreachableBaseUrl }),
  }));

  it("sends 70 passages as 3 batched requests at batchSize 32, floats and `dimensions` asked for", async () => {
    const recorder = recordingFetch();
    const embedder = createOpenAiEmbedder({
      baseUrl: standIn.baseUrl,
      batchSize: 32,
      dimensions: 128,
      fetch: recorder.fetch,
    });
    const items = Array.from({ length: 70 }, (_, index) => ({
      title: `Page ${index}`,
      text: `Passage ${index}`,
    }));
    const vectors = await embedder.embedDocuments(items);
    expect(vectors).toHaveLength(70);
    expect(recorder.calls.map((call) => call.path)).toEqual(Array(3).fill("/v1/embeddings"));
    expect(recorder.calls.map((call) => inputsOf(call.body).length)).toEqual([32, 32, 6]);
    expect(recorder.calls[0]?.body).toMatchObject({ encoding_format: "float", dimensions: 128 });
  });

  it("places each vector by its index (the stand-in answers in reverse order)", async () => {
    const embedder = createOpenAiEmbedder({ baseUrl: standIn.baseUrl });
    const [first, second] = await embedder.embedDocuments([
      { title: "A", text: "alpha apples" },
      { title: "B", text: "bravo bananas" },
    ]);
    const [alone] = await embedder.embedDocuments([{ title: "A", text: "alpha apples" }]);
    expect(first).toEqual(alone);
    expect(second).not.toEqual(alone);
  });

  it("adds EmbeddingGemma's task prefixes, as the Ollama embedder does", async () => {
    standIn.requests.length = 0;
    const embedder = createOpenAiEmbedder({ baseUrl: standIn.baseUrl, model: "embeddinggemma" });
    await embedder.embedQuery("vacation days");
    await embedder.embedDocuments([{ title: "", text: "Untitled." }]);
    expect(standIn.requestsTo("/v1/embeddings").map((request) => inputsOf(request.body))).toEqual([
      ["task: search result | query: vacation days"],
      ["title: none | text: Untitled."],
    ]);
  });

  it("truncates to the size asked for, at unit length", async () => {
    for (const dimensions of [128, 256, 768]) {
      const vector = await createOpenAiEmbedder({ baseUrl: standIn.baseUrl, dimensions }).embedQuery(
        "expenses",
      );
      expect(vector).toHaveLength(dimensions);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
    }
  });

  it("asks again without `dimensions` when the model refuses the field, and still truncates", async () => {
    standIn.refuseDimensions = true;
    standIn.requests.length = 0;
    try {
      const embedder = createOpenAiEmbedder({ baseUrl: standIn.baseUrl, dimensions: 256 });
      expect(await embedder.embedQuery("first")).toHaveLength(256);
      expect(await embedder.embedQuery("second")).toHaveLength(256);
    } finally {
      standIn.refuseDimensions = false;
    }
    const sent = standIn
      .requestsTo("/v1/embeddings")
      .map((request) => "dimensions" in (request.body as object));
    expect(sent).toEqual([true, false, false]);
  });

  it("throws invalid_config when the model makes fewer dimensions than asked", async () => {
    const embedder = createOpenAiEmbedder({ baseUrl: standIn.baseUrl, dimensions: 4096 });
    await expect(embedder.embedQuery("hello")).rejects.toMatchObject({
      code: ErrorCode.InvalidConfig,
      hint: expect.stringContaining("EMBED_DIMENSIONS"),
    });
  });

  it("names EMBED_MODEL in the hint for a missing model", async () => {
    const embedder = createOpenAiEmbedder({ baseUrl: standIn.baseUrl, model: "no-such-embedder" });
    await expect(embedder.embedQuery("hello")).rejects.toMatchObject({
      code: ErrorCode.ModelNotFound,
      hint: expect.stringContaining("EMBED_MODEL"),
    });
  });

  it("maps 5xx to upstream_error and 503 to unavailable (retryable), a dropped connection to unavailable", async () => {
    const embedder = createOpenAiEmbedder({ baseUrl: standIn.baseUrl });
    try {
      standIn.failEmbed(500);
      await expect(embedder.embedQuery("x")).rejects.toMatchObject({
        code: ErrorCode.UpstreamError,
        retryable: true,
      });
      standIn.failEmbed(503);
      await expect(embedder.embedQuery("x")).rejects.toMatchObject({
        code: ErrorCode.Unavailable,
        retryable: true,
      });
      standIn.failEmbed("down");
      await expect(embedder.embedQuery("x")).rejects.toMatchObject({
        code: ErrorCode.Unavailable,
        retryable: true,
      });
    } finally {
      standIn.failEmbed(null);
    }
  });

  it("gives up on a hanging server when a timeout signal fires", async () => {
    standIn.failEmbed("hang");
    try {
      await expect(
        createOpenAiEmbedder({ baseUrl: standIn.baseUrl }).embedQuery("x", AbortSignal.timeout(150)),
      ).rejects.toMatchObject({ code: ErrorCode.Timeout, retryable: true });
    } finally {
      standIn.failEmbed(null);
    }
  });

  it("rejects a batch size or dimension count that is not a positive whole number", () => {
    expect(() => createOpenAiEmbedder({ baseUrl: "http://x", batchSize: 0 })).toThrow(/batchSize/);
    expect(() => createOpenAiEmbedder({ baseUrl: "http://x", dimensions: 2.5 })).toThrow(/dimensions/);
  });
});
