import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.ts";
import { parseEnv } from "./load-env.ts";

function failure(source: Record<string, string>): AppError {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected parseEnv to fail");
}

describe("parseEnv", () => {
  it("gives every variable its vendor default when nothing is set", () => {
    const env = parseEnv({});
    expect(env.OLLAMA_HOST).toBe("http://127.0.0.1:11434");
    expect(env.QDRANT_URL).toBe("http://127.0.0.1:6333");
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.VECTOR_STORE).toBe("lancedb");
    expect(env.EMBED_MODEL).toBe("embeddinggemma");
    expect(env.EMBED_DIMENSIONS).toBe(256);
    expect(env.CHAT_MODEL).toBe("gemma4:e4b");
    expect(env.FALLBACK_CHAT_MODEL).toBe("gemma4:e2b");
    expect(env.DATA_DIR).toBe("./data");
  });

  it("coerces numbers from strings", () => {
    expect(parseEnv({ EMBED_DIMENSIONS: "512" }).EMBED_DIMENSIONS).toBe(512);
  });

  it("names the variable, what was wrong and an example for a malformed URL", () => {
    const error = failure({ OLLAMA_HOST: "not a url" });
    expect(error.code).toBe("invalid_config");
    expect(error.message).toContain("OLLAMA_HOST");
    expect(error.message).toContain("must be a URL");
    expect(error.message).toContain("http://127.0.0.1:11434");
  });

  it("rejects a non-numeric dimension and an unknown vector store, one line each", () => {
    const error = failure({ EMBED_DIMENSIONS: "lots", VECTOR_STORE: "pinecone" });
    const lines = error.message.split("\n").slice(1);
    expect(lines).toHaveLength(2);
    expect(error.message).toMatch(/EMBED_DIMENSIONS: must be a whole number, e\.g\. 256/);
    expect(error.message).toMatch(/VECTOR_STORE: must be lancedb or qdrant/);
  });

  it("gives each bad variable one message with one example", () => {
    const message = failure({ OLLAMA_HOST: "nope", ANSWER_TOP_K: "-3.5", PORT: "99999" }).message;
    const lines = message.split("\n").slice(1);
    expect(lines).toEqual([
      "  OLLAMA_HOST: must be a URL, e.g. http://127.0.0.1:11434",
      "  ANSWER_TOP_K: must be a whole number, e.g. 6",
      "  PORT: must be at most 65535, e.g. 3000",
    ]);
  });

  it('says "must be at least 1" for a negative count', () => {
    expect(failure({ ANSWER_TOP_K: "-3" }).message).toContain("ANSWER_TOP_K: must be at least 1, e.g. 6");
  });

  it("accepts only EmbeddingGemma's Matryoshka sizes as EMBED_DIMENSIONS with Ollama", () => {
    for (const size of ["768", "512", "256", "128"])
      expect(parseEnv({ EMBED_DIMENSIONS: size }).EMBED_DIMENSIONS).toBe(Number(size));
    for (const size of ["300", "1024", "1536"]) {
      expect(failure({ EMBED_DIMENSIONS: size }).message).toContain(
        "EMBED_DIMENSIONS: must be 768, 512, 256 or 128 (EmbeddingGemma's Matryoshka sizes), e.g. 256",
      );
    }
    expect(failure({ EMBED_DIMENSIONS: "0" }).message).toContain("EMBED_DIMENSIONS: must be at least 1");
    expect(failure({ EMBED_DIMENSIONS: "-256" }).message).toContain("EMBED_DIMENSIONS: must be at least 1");
  });

  it("accepts any whole size from 1 to 8192 as EMBED_DIMENSIONS with an OpenAI-compatible server", () => {
    const openAi = { MODEL_PROVIDER: "openai", OPENAI_BASE_URL: "http://127.0.0.1:8080/v1" };
    for (const size of ["1024", "1536", "384", "1", "8192", "256"])
      expect(parseEnv({ ...openAi, EMBED_DIMENSIONS: size }).EMBED_DIMENSIONS).toBe(Number(size));
    expect(parseEnv(openAi).EMBED_DIMENSIONS).toBe(256);
    expect(failure({ ...openAi, EMBED_DIMENSIONS: "8193" }).message).toContain(
      "EMBED_DIMENSIONS: must be at most 8192",
    );
    expect(failure({ ...openAi, EMBED_DIMENSIONS: "0" }).message).toContain(
      "EMBED_DIMENSIONS: must be at least 1",
    );
    expect(failure({ ...openAi, EMBED_DIMENSIONS: "1.5" }).message).toContain(
      "EMBED_DIMENSIONS: must be a whole number",
    );
  });

  it("lists a cross-field rule's variable in env.ts's order, among the others", () => {
    const lines = failure({ ANSWER_TOP_K: "-3", EMBED_DIMENSIONS: "300" }).message.split("\n").slice(1);
    expect(lines).toEqual([
      "  EMBED_DIMENSIONS: must be 768, 512, 256 or 128 (EmbeddingGemma's Matryoshka sizes), e.g. 256",
      "  ANSWER_TOP_K: must be at least 1, e.g. 6",
    ]);
  });

  it("keeps a good value of a variable read only sometimes, and drops a bad one for its default", () => {
    const lenient = { lenient: ["REDIS_URL"] } as const;
    expect(parseEnv({ REDIS_URL: "redis://10.0.0.5:6380/2" }, lenient).REDIS_URL).toBe(
      "redis://10.0.0.5:6380/2",
    );
    expect(parseEnv({ REDIS_URL: "junk" }, lenient).REDIS_URL).toBe("redis://127.0.0.1:6379");
  });

  it("leaves a variable the command never reads to its default, whatever its value", () => {
    expect(failure({ REDIS_URL: "junk" }).message).toContain("REDIS_URL: must be a URL");
    expect(parseEnv({ REDIS_URL: "junk" }, { unused: ["REDIS_URL"] }).REDIS_URL).toBe(
      "redis://127.0.0.1:6379",
    );
  });

  it("never echoes a value, so a secret in a malformed variable stays out of the message", () => {
    const error = failure({ DATABASE_URL: "hunter2-password-not-a-url" });
    expect(error.message).toContain("DATABASE_URL");
    expect(error.message).not.toContain("hunter2");
  });
});

describe("parseEnv: Slack", () => {
  const key = Buffer.alloc(32, 7).toString("base64");
  const oauth = { SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "shh", SLACK_STATE_SECRET: "state" };

  it("accepts single-workspace Slack with a bot token and Socket Mode or a signing secret", () => {
    expect(parseEnv({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).SLACK_BOT_TOKEN).toBe("xoxb-1");
    expect(parseEnv({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }).SLACK_SIGNING_SECRET).toBe("s");
  });

  it("needs a way to receive events with a bot token", () => {
    expect(failure({ SLACK_BOT_TOKEN: "xoxb-1" }).message).toMatch(
      /SLACK_APP_TOKEN: or SLACK_SIGNING_SECRET is required/,
    );
  });

  it("needs all three OAuth variables together, a signing secret and an encryption key", () => {
    expect(failure({ SLACK_CLIENT_ID: "1.2" }).message).toContain("SLACK_CLIENT_SECRET: is required");
    const message = failure(oauth).message;
    expect(message).toContain("ENCRYPTION_KEY: is required");
    expect(message).toContain("SLACK_SIGNING_SECRET: is required");
    expect(parseEnv({ ...oauth, SLACK_SIGNING_SECRET: "s", ENCRYPTION_KEY: key }).ENCRYPTION_KEY).toBe(key);
  });

  it("rejects a malformed encryption key without echoing it", () => {
    const message = failure({ ENCRYPTION_KEY: "too-short-secret" }).message;
    expect(message).toContain("ENCRYPTION_KEY: must be 32 bytes");
    expect(message).not.toContain("too-short-secret");
  });

  it("splits SLACK_APPROVERS into ids", () => {
    expect(parseEnv({ SLACK_APPROVERS: "U1, U2,," }).SLACK_APPROVERS).toEqual(["U1", "U2"]);
  });
});

describe("parseEnv: billing", () => {
  const stripe = { STRIPE_SECRET_KEY: "sk_test_1", STRIPE_PRICE_ID: "price_1" };

  it("needs PUBLIC_URL with STRIPE_SECRET_KEY, saying why and what to set, without echoing the key", () => {
    const message = failure(stripe).message;
    expect(message.split("\n").slice(1)).toEqual([
      "  PUBLIC_URL: is required with STRIPE_SECRET_KEY: Stripe sends admins back there after Checkout and the Customer Portal; set it to where browsers reach the web role, e.g. https://sabio.example.com",
    ]);
    expect(message).not.toContain("sk_test_1");
    expect(parseEnv({ ...stripe, PUBLIC_URL: "https://sabio.example.com" }).PUBLIC_URL).toBe(
      "https://sabio.example.com",
    );
  });

  it("names both missing billing variables at once, and needs neither with billing off", () => {
    const lines = failure({ STRIPE_SECRET_KEY: "sk_test_1" }).message.split("\n").slice(1);
    expect(lines.map((line) => line.trim().split(":")[0])).toEqual(["STRIPE_PRICE_ID", "PUBLIC_URL"]);
    expect(parseEnv({}).STRIPE_SECRET_KEY).toBeUndefined();
    expect(parseEnv({ STRIPE_SECRET_KEY: "" }).PUBLIC_URL).toBeUndefined();
  });
});
