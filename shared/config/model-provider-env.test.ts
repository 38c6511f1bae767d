import { describe, expect, it } from "vitest";
import { createLogger } from "../log/logger.ts";
import { secretVariables } from "./env.ts";
import { parseEnv } from "./load-env.ts";

describe("MODEL_PROVIDER, OPENAI_BASE_URL, OPENAI_API_KEY", () => {
  it("defaults to Ollama and needs no OpenAI variable then", () => {
    const env = parseEnv({});
    expect(env.MODEL_PROVIDER).toBe("ollama");
    expect(env.OPENAI_BASE_URL).toBeUndefined();
    expect(env.OPENAI_API_KEY).toBeUndefined();
  });

  it("takes an OpenAI-compatible server with an optional key; an empty key is no key", () => {
    const env = parseEnv({
      MODEL_PROVIDER: "openai",
      OPENAI_BASE_URL: "http://127.0.0.1:8080/v1",
      OPENAI_API_KEY: "",
    });
    expect(env).toMatchObject({ MODEL_PROVIDER: "openai", OPENAI_BASE_URL: "http://127.0.0.1:8080/v1" });
    expect(env.OPENAI_API_KEY).toBeUndefined();
  });

  it("names the variable for an unknown provider, a missing or malformed base URL", () => {
    expect(() => parseEnv({ MODEL_PROVIDER: "anthropic" })).toThrow(
      /MODEL_PROVIDER: must be ollama or openai/,
    );
    expect(() => parseEnv({ MODEL_PROVIDER: "openai" })).toThrow(
      /OPENAI_BASE_URL: is required when MODEL_PROVIDER=openai, e\.g\. http:\/\/127\.0\.0\.1:8080\/v1/,
    );
    expect(() => parseEnv({ MODEL_PROVIDER: "openai", OPENAI_BASE_URL: "localhost" })).toThrow(
      /OPENAI_BASE_URL: must be a URL/,
    );
  });

  it("treats the key as a secret: listed, and blanked out of log lines", () => {
    expect(secretVariables).toContain("OPENAI_API_KEY");
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (line: string) => void lines.push(line) } });
    logger.info({ env: { OPENAI_API_KEY: "sk-live-a1" }, openai: { apiKey: "sk-live-b2" } }, "model server");
    expect(lines.join("")).not.toMatch(/sk-live/);
  });
});
