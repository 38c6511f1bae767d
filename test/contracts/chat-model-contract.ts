import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../shared/errors/app-error.ts";
import type { ChatMessage, ChatModel } from "../../shared/model/chat-model.ts";

export interface ChatModelContractSubject {
  chatModel: ChatModel;
  /** A model the server has. */
  model: string;
  /** A model it does not have. */
  missingModel: string;
  /** What the hint for `missingModel` must say (Ollama: "ollama pull <model>"). */
  missingModelHint: string;
  /** The same adapter pointed at a server nobody answers for. */
  unreachable: ChatModel;
  /**
   * Makes `model` accept requests and never answer; returns the undo. Undefined for a real server,
   * which cannot be told to; the timeout case then uses a budget no model can meet.
   */
  hang: ((model: string) => () => void) | undefined;
}

const question: ChatMessage[] = [
  { role: "system", content: "Answer from the sources only and cite them like [1]." },
  {
    role: "user",
    content:
      "Sources:\n[1] Vacation policy\nEmployees get 25 vacation days per year. Days are booked in the HR tool.\n\n" +
      "Question: How many vacation days do employees get? Answer in one or two sentences.",
  },
];

/** What every ChatModel must do. Call inside a describe; `subject` is read inside each test. */
export function chatModelContract(subject: () => ChatModelContractSubject): void {
  describe("ChatModel contract", () => {
    it("streams pieces in order; the text is their concatenation; counts tokens", async () => {
      const { chatModel, model } = subject();
      const pieces: string[] = [];
      const result = await chatModel.chat({
        model,
        messages: question,
        temperature: 0,
        onToken: (piece) => pieces.push(piece),
      });
      expect(pieces.length).toBeGreaterThan(1);
      expect(result.text).toBe(pieces.join(""));
      expect(result.text.trim()).not.toBe("");
      expect(result.model).toBe(model);
      expect(result.promptTokens).toBeGreaterThan(0);
      expect(result.completionTokens).toBeGreaterThan(0);
      expect(result.totalDurationMs).toBeGreaterThanOrEqual(0);
    });

    it("lists the models the server has", async () => {
      const { chatModel, model } = subject();
      const names = await chatModel.listModels();
      expect(names.some((name) => name === model || name === `${model}:latest`)).toBe(true);
    });

    it("throws model_not_found, not retryable, with a hint on how to get the model", async () => {
      const { chatModel, missingModel, missingModelHint } = subject();
      await expect(chatModel.chat({ model: missingModel, messages: question })).rejects.toMatchObject({
        code: ErrorCode.ModelNotFound,
        retryable: false,
        hint: expect.stringContaining(missingModelHint),
      });
    });

    it("throws unavailable, retryable, quickly when the server cannot be reached", async () => {
      const { unreachable, model } = subject();
      const started = performance.now();
      await expect(unreachable.chat({ model, messages: question })).rejects.toMatchObject({
        code: ErrorCode.Unavailable,
        retryable: true,
        hint: expect.stringContaining(unreachable.host),
      });
      await expect(unreachable.listModels()).rejects.toMatchObject({ code: ErrorCode.Unavailable });
      expect(performance.now() - started).toBeLessThan(2_000);
    });

    it("stops streaming and rejects with the signal's reason when the caller aborts", async () => {
      const { chatModel, model } = subject();
      const controller = new AbortController();
      const pieces: string[] = [];
      const reply = chatModel.chat({
        model,
        messages: question,
        signal: controller.signal,
        onToken: (piece) => {
          pieces.push(piece);
          controller.abort();
        },
      });
      const error: unknown = await reply.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeDefined();
      expect(error).toBe(controller.signal.reason);
      expect(pieces).toHaveLength(1);
    });

    it("throws timeout, retryable, when a timeout signal fires", async () => {
      const { chatModel, model, hang } = subject();
      const undo = hang?.(model);
      try {
        const started = performance.now();
        const signal = AbortSignal.timeout(hang ? 200 : 1);
        await expect(chatModel.chat({ model, messages: question, signal })).rejects.toMatchObject({
          code: ErrorCode.Timeout,
          retryable: true,
        });
        expect(performance.now() - started).toBeLessThan(2_000);
      } finally {
        undo?.();
      }
    });
  });
}
