import { beforeAll, describe, expect, it } from "vitest";
import { chatModelContract } from "../../test/contracts/chat-model-contract.ts";
import { closedPortHost } from "../../test/stand-ins/ollama/closed-port-host.ts";
import { realOllamaSkipReason, useOllamaTarget } from "../../test/stand-ins/ollama/ollama-test-target.ts";
import { recordingFetch } from "../../test/stand-ins/ollama/recording-fetch.ts";
import { ErrorCode } from "../errors/app-error.ts";
import type { ChatMessage } from "./chat-model.ts";
import { createOllamaChatModel } from "./ollama-chat-model.ts";

const target = useOllamaTarget({ tokenDelayMs: 1 });
let unreachableHost = "";
beforeAll(async () => {
  unreachableHost = await closedPortHost();
});

const messages: ChatMessage[] = [{ role: "user", content: "Say hello in three words." }];

describe("createOllamaChatModel", () => {
  chatModelContract(() => {
    const { host, chatModel, standIn } = target();
    return {
      chatModel: createOllamaChatModel({ host }),
      model: chatModel,
      missingModel: "no-such-model:7b",
      missingModelHint: "ollama pull no-such-model:7b",
      unreachable: createOllamaChatModel({ host: unreachableHost }),
      hang: standIn
        ? (model) => {
            standIn.failChat(model, "hang");
            return () => standIn.failChat(model, null);
          }
        : undefined,
    };
  });

  it("asks for a stream without thinking, with the temperature given", async () => {
    const { host, chatModel } = target();
    const recorder = recordingFetch();
    await createOllamaChatModel({ host, fetch: recorder.fetch }).chat({
      model: chatModel,
      messages,
      temperature: 0.1,
    });
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.calls[0]).toMatchObject({
      path: "/api/chat",
      body: { model: chatModel, messages, stream: true, think: false, options: { temperature: 0.1 } },
    });
  });

  it("passes through an error thrown by onToken, unchanged", async () => {
    const { host, chatModel } = target();
    const mine = new Error("UI went away");
    const reply = createOllamaChatModel({ host }).chat({
      model: chatModel,
      messages,
      onToken: () => {
        throw mine;
      },
    });
    await expect(reply).rejects.toBe(mine);
  });

  describe("server faults", () => {
    it("maps 500 to upstream_error and 503 to unavailable, both retryable", async (context) => {
      const { standIn, chatModel } = target();
      context.skip(!standIn, realOllamaSkipReason);
      if (!standIn) return;
      const model = createOllamaChatModel({ host: standIn.host });
      try {
        standIn.failChat(chatModel, 500);
        await expect(model.chat({ model: chatModel, messages })).rejects.toMatchObject({
          code: ErrorCode.UpstreamError,
          retryable: true,
        });
        standIn.failChat(chatModel, 503);
        await expect(model.chat({ model: chatModel, messages })).rejects.toMatchObject({
          code: ErrorCode.Unavailable,
          retryable: true,
        });
      } finally {
        standIn.failChat(chatModel, null);
      }
    });

    it("times out a reply that stalls halfway, after streaming its first pieces", async (context) => {
      const { standIn, chatModel } = target();
      context.skip(!standIn, realOllamaSkipReason);
      if (!standIn) return;
      const pieces: string[] = [];
      try {
        standIn.failChat(chatModel, "stall");
        const reply = createOllamaChatModel({ host: standIn.host }).chat({
          model: chatModel,
          messages,
          signal: AbortSignal.timeout(200),
          onToken: (piece) => pieces.push(piece),
        });
        await expect(reply).rejects.toMatchObject({ code: ErrorCode.Timeout });
        expect(pieces.length).toBeGreaterThan(0);
      } finally {
        standIn.failChat(chatModel, null);
      }
    });

    it("reports unavailable once the server has stopped", async (context) => {
      const { standIn } = target();
      context.skip(!standIn, realOllamaSkipReason);
      if (!standIn) return;
      const { startOllamaStandIn } = await import("../../test/stand-ins/ollama-server.ts");
      const doomed = await startOllamaStandIn();
      const model = createOllamaChatModel({ host: doomed.host });
      expect(await model.listModels()).toContain("gemma4:e4b");
      await doomed.stop();
      await expect(model.listModels()).rejects.toMatchObject({ code: ErrorCode.Unavailable });
    });
  });
});
