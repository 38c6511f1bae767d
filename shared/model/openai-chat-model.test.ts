import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatModelContract } from "../../test/contracts/chat-model-contract.ts";
import { closedPortHost } from "../../test/stand-ins/ollama/closed-port-host.ts";
import { recordingFetch } from "../../test/stand-ins/ollama/recording-fetch.ts";
import { type OpenAiStandIn, startOpenAiStandIn } from "../../test/stand-ins/openai-server.ts";
import { ErrorCode } from "../errors/app-error.ts";
import type { ChatMessage } from "./chat-model.ts";
import { generateWithFallback } from "./generate-with-fallback.ts";
import { createOpenAiChatModel } from "./openai-chat-model.ts";

const key = "sk-test-4f9a1c";
let standIn: OpenAiStandIn;
let unreachableBaseUrl = "";
beforeAll(async () => {
  standIn = await startOpenAiStandIn({ apiKey: key, tokenDelayMs: 1 });
  unreachableBaseUrl = `${await closedPortHost()}/v1`;
});
afterAll(() => standIn.stop());

const messages: ChatMessage[] = [{ role: "user", content: "Say hello in three words." }];
const model = "gemma4:e4b";

describe("createOpenAiChatModel", () => {
  chatModelContract(() => ({
    chatModel: createOpenAiChatModel({ baseUrl: standIn.baseUrl, apiKey: key }),
    model,
    missingModel: "no-such-model:7b",
    missingModelHint: 'load "no-such-model:7b" on the server',
    unreachable: createOpenAiChatModel({ baseUrl: unreachableBaseUrl, apiKey: key }),
    hang: (name) => {
      standIn.failChat(name, "hang");
      return () => standIn.failChat(name, null);
    },
  }));

  it("asks for an SSE stream with usage, the temperature given and the key as a bearer token", async () => {
    const recorder = recordingFetch();
    await createOpenAiChatModel({ baseUrl: standIn.baseUrl, apiKey: key, fetch: recorder.fetch }).chat({
      model,
      messages,
      temperature: 0.1,
    });
    expect(recorder.calls).toEqual([
      {
        path: "/v1/chat/completions",
        body: { model, messages, stream: true, stream_options: { include_usage: true }, temperature: 0.1 },
      },
    ]);
    expect(standIn.authorizations.at(-1)).toBe(`Bearer ${key}`);
  });

  it("reads the counts from the final usage chunk", async () => {
    const result = await createOpenAiChatModel({ baseUrl: standIn.baseUrl, apiKey: key }).chat({
      model,
      messages: [{ role: "user", content: "[1] Leave\nStaff get twenty five days off. More." }],
    });
    expect(result.text).toBe("Staff get twenty five days off. [1]");
    expect(result.completionTokens).toBe(7);
    expect(result.promptTokens).toBe(9);
  });

  it("takes a base URL without /v1 as the usual /v1", async () => {
    const names = await createOpenAiChatModel({ baseUrl: standIn.host, apiKey: key }).listModels();
    expect(names).toContain(model);
  });

  it("passes through an error thrown by onToken, unchanged", async () => {
    const mine = new Error("UI went away");
    const reply = createOpenAiChatModel({ baseUrl: standIn.baseUrl, apiKey: key }).chat({
      model,
      messages,
      onToken: () => {
        throw mine;
      },
    });
    await expect(reply).rejects.toBe(mine);
  });

  describe("server faults", () => {
    const chatModel = () => createOpenAiChatModel({ baseUrl: standIn.baseUrl, apiKey: key });

    it("maps a refused key to invalid_config, not retryable, without echoing the key", async () => {
      for (const apiKey of [undefined, "sk-wrong-key"]) {
        const error = await createOpenAiChatModel({ baseUrl: standIn.baseUrl, apiKey })
          .chat({ model, messages })
          .catch((e: unknown) => e);
        expect(error).toMatchObject({
          code: ErrorCode.InvalidConfig,
          retryable: false,
          hint: expect.stringContaining("OPENAI_API_KEY"),
        });
        expect(String((error as Error).message)).not.toContain("sk-wrong-key");
      }
    });

    it.each([
      [403, ErrorCode.InvalidConfig, false],
      [429, ErrorCode.RateLimited, true],
      [500, ErrorCode.UpstreamError, true],
      [502, ErrorCode.UpstreamError, true],
      [503, ErrorCode.Unavailable, true],
    ])("maps status %i to %s (retryable: %s)", async (status, code, retryable) => {
      standIn.failChat(model, status);
      try {
        await expect(chatModel().chat({ model, messages })).rejects.toMatchObject({ code, retryable });
      } finally {
        standIn.failChat(model, null);
      }
    });

    it("says OPENAI_BASE_URL is wrong when nothing answers at its path", async () => {
      await expect(
        createOpenAiChatModel({ baseUrl: `${standIn.host}/api`, apiKey: key }).chat({ model, messages }),
      ).rejects.toMatchObject({
        code: ErrorCode.InvalidConfig,
        retryable: false,
        hint: expect.stringContaining("OPENAI_BASE_URL"),
      });
    });

    it("times out a reply that stalls halfway, after streaming its first pieces", async () => {
      const pieces: string[] = [];
      standIn.failChat(model, "stall");
      try {
        const reply = chatModel().chat({
          model,
          messages,
          signal: AbortSignal.timeout(200),
          onToken: (piece) => pieces.push(piece),
        });
        await expect(reply).rejects.toMatchObject({ code: ErrorCode.Timeout, retryable: true });
        expect(pieces.length).toBeGreaterThan(0);
      } finally {
        standIn.failChat(model, null);
      }
    });

    it("treats a stream cut before its end as a retryable upstream error", async () => {
      standIn.failChat(model, "cut");
      try {
        await expect(chatModel().chat({ model, messages })).rejects.toMatchObject({
          code: expect.stringMatching(/^(upstream_error|unavailable)$/),
          retryable: true,
        });
      } finally {
        standIn.failChat(model, null);
      }
    });

    it("falls back to the second model through generateWithFallback, as with Ollama", async () => {
      standIn.failChat(model, 500);
      try {
        const result = await generateWithFallback(chatModel(), {
          models: [model, "gemma4:e2b"],
          messages,
          timeoutMs: 5_000,
        });
        expect(result.model).toBe("gemma4:e2b");
        expect(result.attempts[0]).toMatchObject({ model, error: ErrorCode.UpstreamError });
      } finally {
        standIn.failChat(model, null);
      }
    });
  });
});
