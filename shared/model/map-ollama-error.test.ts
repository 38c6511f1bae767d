import { describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "../errors/app-error.ts";
import { mapOllamaError } from "./map-ollama-error.ts";

const host = "http://127.0.0.1:11434";

/** Shaped like the `ollama` client's ResponseError, which it does not export. */
function responseError(status: number, message: string): Error {
  return Object.assign(new Error(message), { name: "ResponseError", error: message, status_code: status });
}

describe("mapOllamaError", () => {
  it("maps a 404 to model_not_found with an `ollama pull` hint", () => {
    const error = mapOllamaError(responseError(404, 'model "gemma4:e4b" not found, try pulling it first'), {
      host,
      model: "gemma4:e4b",
    });
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: ErrorCode.ModelNotFound,
      retryable: false,
      hint: expect.stringContaining("ollama pull gemma4:e4b"),
    });
  });

  it.each([
    [500, ErrorCode.UpstreamError, true],
    [502, ErrorCode.UpstreamError, true],
    [503, ErrorCode.Unavailable, true],
    [429, ErrorCode.RateLimited, true],
    [400, ErrorCode.UpstreamError, false],
  ])("maps status %i to %s (retryable: %s)", (status, code, retryable) => {
    expect(mapOllamaError(responseError(status, "boom"), { host })).toMatchObject({ code, retryable });
  });

  it("maps a refused connection to unavailable with the host in the hint", () => {
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }),
    });
    expect(mapOllamaError(refused, { host })).toMatchObject({
      code: ErrorCode.Unavailable,
      retryable: true,
      hint: expect.stringContaining(`is Ollama running at ${host}?`),
    });
  });

  it("maps a timeout signal to timeout, and returns any other abort reason as is", () => {
    const timedOut = AbortSignal.abort(new DOMException("timed out", "TimeoutError"));
    expect(mapOllamaError(new Error("aborted"), { host, signal: timedOut })).toMatchObject({
      code: ErrorCode.Timeout,
      retryable: true,
    });
    const cancelled = AbortSignal.abort();
    expect(mapOllamaError(new Error("aborted"), { host, signal: cancelled })).toBe(cancelled.reason);
  });

  it("treats other stream failures as retryable upstream errors", () => {
    expect(
      mapOllamaError(new Error("Did not receive done or success response in stream."), { host }),
    ).toMatchObject({
      code: ErrorCode.UpstreamError,
      retryable: true,
    });
  });

  it("keeps an AppError as it is", () => {
    const original = new AppError(ErrorCode.InvalidConfig, "bad");
    expect(mapOllamaError(original, { host })).toBe(original);
  });
});
