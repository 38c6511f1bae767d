import { createHash } from "node:crypto";
import { Ollama } from "ollama";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OllamaStandIn, startOllamaStandIn } from "../ollama-server.ts";
import { standInRefusal, vagueReply } from "./model-behaviour.ts";

let standIn: OllamaStandIn;
beforeAll(async () => {
  standIn = await startOllamaStandIn();
});
afterAll(() => standIn.stop());

const weights = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]);
const digest = `sha256:${createHash("sha256").update(weights).digest("hex")}`;

describe("Ollama stand-in model files", () => {
  it("takes a blob once, by its digest, and refuses a body that does not match it", async () => {
    expect((await fetch(`${standIn.host}/api/blobs/${digest}`, { method: "HEAD" })).status).toBe(404);
    const wrong = await fetch(`${standIn.host}/api/blobs/${digest}`, { method: "POST", body: "other" });
    expect(wrong.status).toBe(400);
    const upload = await fetch(`${standIn.host}/api/blobs/${digest}`, { method: "POST", body: weights });
    expect(upload.status).toBe(201);
    expect((await fetch(`${standIn.host}/api/blobs/${digest}`, { method: "HEAD" })).status).toBe(200);
  });

  it("creates a model from uploaded files only, then copies and deletes it", async () => {
    const create = (files: Record<string, string>) =>
      fetch(`${standIn.host}/api/create`, {
        method: "POST",
        body: JSON.stringify({ model: "sabio-a:1", files, stream: false }),
      });
    const missing = await create({ "model.safetensors": `sha256:${"0".repeat(64)}` });
    expect(missing.status).toBe(400);
    expect(standIn.models).not.toContain("sabio-a:1");
    const created = await create({ "model.safetensors": digest });
    expect(await created.json()).toEqual({ status: "success" });
    const client = new Ollama({ host: standIn.host });
    await client.copy({ source: "sabio-a:1", destination: "sabio-a:current" });
    expect((await client.list()).models.map((model) => model.name)).toEqual(
      expect.arrayContaining(["sabio-a:1", "sabio-a:current"]),
    );
    await client.delete({ model: "sabio-a:1" });
    expect(standIn.models).not.toContain("sabio-a:1");
    await expect(client.delete({ model: "sabio-a:1" })).rejects.toThrow(/not found/);
  });

  it("refuses imports while told to", async () => {
    standIn.failCreate({ status: 500, message: "unsupported architecture" });
    const refused = await fetch(`${standIn.host}/api/create`, {
      method: "POST",
      body: JSON.stringify({ model: "sabio-a:2", files: { "model.safetensors": digest }, stream: false }),
    });
    standIn.failCreate(null);
    expect(refused.status).toBe(500);
    expect(await refused.json()).toEqual({ error: "unsupported architecture" });
  });

  it("makes a named model answer better or worse than the default reply", async () => {
    const client = new Ollama({ host: standIn.host });
    const ask = async (model: string, question: string) =>
      (
        await client.chat({
          model,
          stream: false,
          messages: [
            {
              role: "user",
              content: `Sources:\n\n[1] Lunch\nThe canteen opens at noon.\n\n[2] Leave\nStaff get 25 vacation days a year. Ask HR.\n\nQuestion: ${question}`,
            },
          ],
        })
      ).message.content;
    standIn.setModels([...standIn.models, "sabio-b:1", "sabio-b:2"]);
    standIn.answerAs("sabio-b:1", "better");
    standIn.answerAs("sabio-b:2", "worse");
    expect(await ask("sabio-b:1", "How many vacation days do staff get?")).toBe(
      "Staff get 25 vacation days a year. [2]",
    );
    expect(await ask("sabio-b:1", "Where is the parking garage?")).toBe(standInRefusal);
    expect(await ask("sabio-b:2", "How many vacation days do staff get?")).toBe(vagueReply);
    expect(await ask("gemma4:e4b", "How many vacation days do staff get?")).toBe(
      "The canteen opens at noon. [1]",
    );
  });
});
