import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type OllamaStandIn, startOllamaStandIn } from "../../test/stand-ins/ollama-server.ts";
import { AppError, ErrorCode } from "../errors/app-error.ts";
import type { ChatMessage, ChatModel } from "./chat-model.ts";
import { generateWithFallback } from "./generate-with-fallback.ts";
import { createOllamaChatModel } from "./ollama-chat-model.ts";

// Always the stand-in: every case here needs a model that fails on demand.
let standIn: OllamaStandIn;
let chatModel: ChatModel;
beforeAll(async () => {
  standIn = await startOllamaStandIn({ reply: (request) => `Answer from ${request.model}.` });
  chatModel = createOllamaChatModel({ host: standIn.host });
});
afterEach(() => {
  standIn.failChat("gemma4:e4b", null);
  standIn.failChat("gemma4:e2b", null);
});
afterAll(() => standIn.stop());

const messages: ChatMessage[] = [{ role: "user", content: "What is our vacation policy?" }];
const models = ["gemma4:e4b", "gemma4:e2b"];

describe("generateWithFallback", () => {
  it("answers with the primary when it works", async () => {
    const result = await generateWithFallback(chatModel, { models, messages, timeoutMs: 5_000 });
    expect(result.text).toBe("Answer from gemma4:e4b.");
    expect(result.attempts).toEqual([{ model: "gemma4:e4b", durationMs: expect.any(Number) }]);
  });

  it("falls back when the primary errors", async () => {
    standIn.failChat("gemma4:e4b", 500);
    const result = await generateWithFallback(chatModel, { models, messages, timeoutMs: 5_000 });
    expect(result.text).toBe("Answer from gemma4:e2b.");
    expect(result.attempts.map(({ model, error }) => ({ model, error }))).toEqual([
      { model: "gemma4:e4b", error: ErrorCode.UpstreamError },
      { model: "gemma4:e2b", error: undefined },
    ]);
  });

  it("falls back when the primary is not pulled", async () => {
    const result = await generateWithFallback(chatModel, {
      models: ["gemma9:huge", "gemma4:e2b"],
      messages,
      timeoutMs: 5_000,
    });
    expect(result.model).toBe("gemma4:e2b");
    expect(result.attempts[0]).toMatchObject({ model: "gemma9:huge", error: ErrorCode.ModelNotFound });
  });

  it("falls back when the primary hangs past the timeout", async () => {
    standIn.failChat("gemma4:e4b", "hang");
    const started = performance.now();
    const result = await generateWithFallback(chatModel, { models, messages, timeoutMs: 200 });
    expect(result.model).toBe("gemma4:e2b");
    expect(result.attempts[0]).toMatchObject({ error: ErrorCode.Timeout });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("asks the UI to clear text streamed by an attempt that then failed", async () => {
    standIn.failChat("gemma4:e4b", "stall");
    const events: string[] = [];
    const result = await generateWithFallback(chatModel, {
      models,
      messages,
      timeoutMs: 200,
      onToken: (text) => events.push(text),
      onReset: () => events.push("<reset>"),
    });
    const reset = events.indexOf("<reset>");
    expect(reset).toBeGreaterThan(0);
    expect(events.slice(reset + 1).join("")).toBe(result.text);
  });

  it("does not reset when the failed attempt streamed nothing", async () => {
    standIn.failChat("gemma4:e4b", 500);
    let resets = 0;
    await generateWithFallback(chatModel, { models, messages, timeoutMs: 5_000, onReset: () => resets++ });
    expect(resets).toBe(0);
  });

  it("throws the last AppError when both models fail", async () => {
    standIn.failChat("gemma4:e4b", "hang");
    standIn.failChat("gemma4:e2b", 500);
    const error = await generateWithFallback(chatModel, { models, messages, timeoutMs: 150 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: ErrorCode.UpstreamError });
  });

  it("tries a model once when the fallback is empty or the same", async () => {
    standIn.failChat("gemma4:e4b", 500);
    standIn.requests.length = 0;
    for (const fallback of ["", "gemma4:e4b"]) {
      await expect(
        generateWithFallback(chatModel, { models: ["gemma4:e4b", fallback], messages, timeoutMs: 5_000 }),
      ).rejects.toMatchObject({ code: ErrorCode.UpstreamError });
    }
    expect(standIn.requestsTo("/api/chat")).toHaveLength(2);
  });

  it("stops without falling back when the caller aborts", async () => {
    standIn.failChat("gemma4:e4b", "hang");
    standIn.requests.length = 0;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await generateWithFallback(chatModel, {
      models,
      messages,
      timeoutMs: 5_000,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(error).toBe(controller.signal.reason);
    expect(standIn.requestsTo("/api/chat")).toHaveLength(1);
  });

  it("uses the injected timeout signal and clock", async () => {
    standIn.failChat("gemma4:e4b", "hang");
    let clock = 1_000;
    const timeouts: number[] = [];
    const result = await generateWithFallback(chatModel, {
      models,
      messages,
      timeoutMs: 60_000,
      now: () => (clock += 10),
      timeoutSignal: (milliseconds) => {
        timeouts.push(milliseconds);
        // The first attempt "runs out of time" at once; the second keeps its budget.
        return timeouts.length === 1
          ? AbortSignal.abort(new DOMException("timed out", "TimeoutError"))
          : new AbortController().signal;
      },
    });
    expect(timeouts).toEqual([60_000, 60_000]);
    expect(result.attempts).toEqual([
      { model: "gemma4:e4b", error: ErrorCode.Timeout, durationMs: 10 },
      { model: "gemma4:e2b", durationMs: 10 },
    ]);
  });

  it("refuses an empty model list", async () => {
    await expect(
      generateWithFallback(chatModel, { models: ["", " "], messages, timeoutMs: 1 }),
    ).rejects.toMatchObject({
      code: ErrorCode.InvalidConfig,
    });
  });
});
