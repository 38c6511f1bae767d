import { Ollama } from "ollama";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OllamaStandIn, startOllamaStandIn } from "../ollama-server.ts";
import { groundedReply, replyPieces } from "./grounded-reply.ts";
import { hashedEmbedding, stripTaskPrefix } from "./hashed-embedding.ts";

let standIn: OllamaStandIn;
beforeAll(async () => {
  standIn = await startOllamaStandIn();
});
afterAll(() => standIn.stop());

describe("Ollama stand-in wire format", () => {
  it("answers the health check, version and tags like Ollama", async () => {
    expect(await (await fetch(`${standIn.host}/`)).text()).toBe("Ollama is running");
    const client = new Ollama({ host: standIn.host });
    expect((await client.version()).version).toMatch(/^\d+\.\d+\.\d+$/);
    const { models } = await client.list();
    expect(models.map((model) => model.name)).toEqual(["embeddinggemma:latest", "gemma4:e4b", "gemma4:e2b"]);
    expect(models[0]).toMatchObject({ model: "embeddinggemma:latest", details: { format: "gguf" } });
  });

  it("streams NDJSON chat lines ending with a done line that carries the counts", async () => {
    const response = await fetch(`${standIn.host}/api/chat`, {
      method: "POST",
      body: JSON.stringify({
        model: "gemma4:e4b",
        messages: [{ role: "user", content: "[1] Docs\nThe sky is blue today." }],
      }),
    });
    expect(response.headers.get("content-type")).toBe("application/x-ndjson");
    const lines = (await response.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const last = lines.at(-1);
    expect(lines.slice(0, -1).every((line) => line.done === false && line.message.role === "assistant")).toBe(
      true,
    );
    expect(last).toMatchObject({ done: true, done_reason: "stop", eval_count: lines.length - 1 });
    expect(last.prompt_eval_count).toBeGreaterThan(0);
    expect(lines.map((line) => line.message.content).join("")).toBe("The sky is blue today. [1]");
  });

  it("answers in one JSON with stream: false", async () => {
    const reply = await new Ollama({ host: standIn.host }).chat({
      model: "gemma4:e4b",
      messages: [{ role: "user", content: "hi" }],
      stream: false,
    });
    expect(reply).toMatchObject({ done: true, message: { role: "assistant" } });
  });

  it("gives Ollama's exact 404 body for a model it does not have", async () => {
    const response = await fetch(`${standIn.host}/api/embed`, {
      method: "POST",
      body: JSON.stringify({ model: "nope", input: "x" }),
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'model "nope" not found, try pulling it first' });
  });

  it("embeds a string or a list, honouring `dimensions`, and records the requests", async () => {
    standIn.requests.length = 0;
    const client = new Ollama({ host: standIn.host });
    const one = await client.embed({ model: "embeddinggemma", input: "hello" });
    const two = await client.embed({ model: "embeddinggemma", input: ["a", "b"], dimensions: 128 });
    expect(one.embeddings.map((vector) => vector.length)).toEqual([768]);
    expect(two.embeddings.map((vector) => vector.length)).toEqual([128, 128]);
    expect(Math.hypot(...(two.embeddings[0] ?? []))).toBeCloseTo(1, 6);
    expect(standIn.requestsTo("/api/embed").map((request) => request.body)).toMatchObject([
      { input: "hello" },
      { input: ["a", "b"], dimensions: 128 },
    ]);
  });
});

describe("hashed embeddings", () => {
  it("ignore the task prefixes but keep the title's words", () => {
    expect(stripTaskPrefix("task: search result | query: vpn")).toBe("vpn");
    expect(stripTaskPrefix("title: VPN guide | text: Install it")).toBe("VPN guide Install it");
    expect(stripTaskPrefix("title: none | text: Install it")).toBe("Install it");
  });

  it("put texts that share words closer than texts that do not, even truncated", () => {
    const dot = (a: number[], b: number[]) =>
      a.slice(0, 256).reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);
    const query = hashedEmbedding("task: search result | query: reset my VPN password");
    const near = hashedEmbedding("title: VPN | text: To reset the VPN password, open the portal.");
    const far = hashedEmbedding("title: Lunch | text: The canteen serves lunch at noon.");
    expect(dot(query, near)).toBeGreaterThan(dot(query, far) + 0.2);
  });
});

describe("grounded reply", () => {
  it("cites the first sentence of source [1], skipping its title line", () => {
    const reply = groundedReply({
      model: "m",
      stream: true,
      messages: [
        {
          role: "user",
          content: "Sources:\n[1] Leave — hr/leave.md\nStaff get 25 days. More text.\n[2] Other",
        },
      ],
    });
    expect(reply).toBe("Staff get 25 days. [1]");
    expect(replyPieces(reply).join("")).toBe(reply);
  });
});
