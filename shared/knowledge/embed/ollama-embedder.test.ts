import { beforeAll, describe, expect, it } from "vitest";
import { embedderContract } from "../../../test/contracts/embedder-contract.ts";
import { closedPortHost } from "../../../test/stand-ins/ollama/closed-port-host.ts";
import { realOllamaSkipReason, useOllamaTarget } from "../../../test/stand-ins/ollama/ollama-test-target.ts";
import { recordingFetch } from "../../../test/stand-ins/ollama/recording-fetch.ts";
import { defaultStandInModels } from "../../../test/stand-ins/ollama-server.ts";
import { ErrorCode } from "../../errors/app-error.ts";
import { usesEmbeddingGemmaPrompts } from "./embedding-prompts.ts";
import { createOllamaEmbedder } from "./ollama-embedder.ts";

const target = useOllamaTarget();
let unreachableHost = "";
beforeAll(async () => {
  unreachableHost = await closedPortHost();
});

describe("createOllamaEmbedder", () => {
  embedderContract(() => {
    const { host, embedModel } = target();
    return {
      embedder: createOllamaEmbedder({ host, model: embedModel }),
      missingModel: createOllamaEmbedder({ host, model: "no-such-embedder:latest" }),
      unreachable: createOllamaEmbedder({ host: unreachableHost, model: embedModel }),
    };
  });

  it("sends 70 passages as 3 batched requests at batchSize 32", async () => {
    const { host, embedModel } = target();
    const recorder = recordingFetch();
    const embedder = createOllamaEmbedder({ host, model: embedModel, batchSize: 32, fetch: recorder.fetch });
    const items = Array.from({ length: 70 }, (_, index) => ({
      title: `Page ${index}`,
      text: `Passage ${index}`,
    }));
    const vectors = await embedder.embedDocuments(items);
    expect(vectors).toHaveLength(70);
    const inputs = recorder.calls.map((call) => (call.body as { input: string[] }).input.length);
    expect(recorder.calls.every((call) => call.path === "/api/embed")).toBe(true);
    expect(inputs).toEqual([32, 32, 6]);
  });

  it("adds EmbeddingGemma's task prefixes to queries and passages", async (context) => {
    const { host, embedModel } = target();
    context.skip(
      !usesEmbeddingGemmaPrompts(embedModel),
      `EMBED_MODEL=${embedModel} is not an EmbeddingGemma`,
    );
    const recorder = recordingFetch();
    const embedder = createOllamaEmbedder({ host, model: embedModel, fetch: recorder.fetch });
    await embedder.embedQuery("vacation days");
    await embedder.embedDocuments([
      { title: "Leave", text: "25 days." },
      { title: "", text: "Untitled." },
    ]);
    const inputs = recorder.calls.map((call) => (call.body as { input: string[]; truncate: boolean }).input);
    expect(inputs).toEqual([
      ["task: search result | query: vacation days"],
      ["title: Leave | text: 25 days.", "title: none | text: Untitled."],
    ]);
    expect(recorder.calls.map((call) => (call.body as { truncate?: boolean }).truncate)).toEqual([
      true,
      true,
    ]);
  });

  it("truncates to the Matryoshka size asked for, at unit length", async () => {
    const { host, embedModel } = target();
    for (const dimensions of [128, 256, 768]) {
      const embedder = createOllamaEmbedder({ host, model: embedModel, dimensions });
      const vector = await embedder.embedQuery("expense reports");
      expect(vector).toHaveLength(dimensions);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
    }
  });

  it("throws invalid_config when the model makes fewer dimensions than asked", async () => {
    const { host, embedModel } = target();
    const embedder = createOllamaEmbedder({ host, model: embedModel, dimensions: 4096 });
    await expect(embedder.embedQuery("hello")).rejects.toMatchObject({
      code: ErrorCode.InvalidConfig,
      retryable: false,
      hint: expect.stringContaining("EMBED_DIMENSIONS"),
    });
  });

  it("gives the `ollama pull` hint for a missing model", async () => {
    const { host } = target();
    const embedder = createOllamaEmbedder({ host, model: "no-such-embedder:latest" });
    await expect(embedder.embedQuery("hello")).rejects.toMatchObject({
      hint: expect.stringContaining("ollama pull no-such-embedder:latest"),
    });
  });

  it("says where it looked when Ollama is not running", async () => {
    const embedder = createOllamaEmbedder({ host: unreachableHost });
    await expect(embedder.embedQuery("hello")).rejects.toMatchObject({
      code: ErrorCode.Unavailable,
      hint: expect.stringContaining(`is Ollama running at ${unreachableHost}?`),
    });
  });

  it("rejects a batch size or dimension count that is not a positive whole number", () => {
    expect(() => createOllamaEmbedder({ host: "http://x", batchSize: 0 })).toThrow(/batchSize/);
    expect(() => createOllamaEmbedder({ host: "http://x", dimensions: 2.5 })).toThrow(/dimensions/);
  });

  describe("server faults", () => {
    const faults = () => {
      const { standIn } = target();
      return standIn;
    };

    it("maps 5xx to upstream_error, retryable; 503 to unavailable", async (context) => {
      const standIn = faults();
      context.skip(!standIn, realOllamaSkipReason);
      if (!standIn) return;
      const embedder = createOllamaEmbedder({ host: standIn.host });
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
      } finally {
        standIn.failEmbed(null);
      }
    });

    it("maps a dropped connection to unavailable", async (context) => {
      const standIn = faults();
      context.skip(!standIn, realOllamaSkipReason);
      if (!standIn) return;
      const embedder = createOllamaEmbedder({ host: standIn.host });
      try {
        standIn.failEmbed("down");
        await expect(embedder.embedQuery("x")).rejects.toMatchObject({
          code: ErrorCode.Unavailable,
          retryable: true,
        });
      } finally {
        standIn.failEmbed(null);
      }
    });

    it("gives up on a hanging server when a timeout signal fires", async (context) => {
      const standIn = faults();
      context.skip(!standIn, realOllamaSkipReason);
      if (!standIn) return;
      const embedder = createOllamaEmbedder({ host: standIn.host });
      try {
        standIn.failEmbed("hang");
        const started = performance.now();
        await expect(embedder.embedQuery("x", AbortSignal.timeout(150))).rejects.toMatchObject({
          code: ErrorCode.Timeout,
          retryable: true,
        });
        expect(performance.now() - started).toBeLessThan(1_500);
      } finally {
        standIn.failEmbed(null);
      }
    });

    it("sends raw text, without prefixes, to other embedding models", async (context) => {
      const standIn = faults();
      context.skip(!standIn, realOllamaSkipReason);
      if (!standIn) return;
      standIn.setModels(["embeddinggemma:latest", "all-minilm:latest"]);
      standIn.requests.length = 0;
      const embedder = createOllamaEmbedder({ host: standIn.host, model: "all-minilm", dimensions: 128 });
      try {
        await embedder.embedQuery("vacation days");
        await embedder.embedDocuments([{ title: "Leave", text: "25 days." }]);
      } finally {
        standIn.setModels(defaultStandInModels);
      }
      expect(
        standIn.requestsTo("/api/embed").map((request) => (request.body as { input: string[] }).input),
      ).toEqual([["vacation days"], ["25 days."]]);
    });
  });
});
