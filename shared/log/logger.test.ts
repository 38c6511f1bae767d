import { describe, expect, it } from "vitest";
import { createLogger, redactUrl } from "./logger.ts";

function captured() {
  const lines: string[] = [];
  const logger = createLogger({
    level: "info",
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { logger, lines };
}

describe("logger", () => {
  it("blanks out secrets wherever they sit in a log object", () => {
    const { logger, lines } = captured();
    logger.info(
      {
        token: "xoxb-123-secret",
        slack: { token: "xoxb-456-secret" },
        headers: { authorization: "Bearer abc-secret" },
      },
      "connected",
    );
    expect(lines.join("")).not.toContain("secret");
    expect(lines.join("")).toContain("[redacted]");
  });

  it("blanks out Stripe's signature and billing and observability keys", () => {
    const { logger, lines } = captured();
    logger.warn(
      {
        headers: { "stripe-signature": "t=1,v1=secret_sig" },
        stripe: { secretKey: "sk_live_secret_key", webhookSecret: "whsec_secret_wh" },
        env: {
          STRIPE_SECRET_KEY: "sk_test_secret_env",
          LANGFUSE_SECRET_KEY: "sk-lf-secret_lf",
          POSTHOG_API_KEY: "phc_secret_ph",
        },
      },
      "webhook refused",
    );
    expect(lines.join("")).not.toMatch(/secret_(sig|key|wh|env|lf|ph)/);
  });

  it("blanks out OAuth and webhook secrets under their vendor wire names", () => {
    const { logger, lines } = captured();
    logger.warn(
      {
        access_token: "ntn_secret_a",
        response: { refresh_token: "nrt_secret_b", client_secret: "secret_c" },
        verification_token: "secret_d",
        connection: { credentials: "sealed-secret_e" },
      },
      "token endpoint answered",
    );
    expect(lines.join("")).not.toMatch(/secret_[a-e]/);
  });

  it("removes credentials from URLs before they are shown", () => {
    expect(redactUrl("redis://:hunter2@cache.internal:6379/0")).not.toContain("hunter2");
    expect(redactUrl("postgres://sabio:hunter2@db:5432/sabio")).toBe("postgres://***@db:5432/sabio");
    expect(redactUrl("http://qdrant:6333/?api_key=hunter2")).not.toContain("hunter2");
    expect(redactUrl("not a url")).toBe("[unparseable url]");
  });
});
