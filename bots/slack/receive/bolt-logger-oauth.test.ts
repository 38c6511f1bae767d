import { describe, expect, it } from "vitest";
import { captureLogger } from "#test/helpers/queue-test-kit.ts";
import { createBoltLogger, redactSlackSecrets } from "./bolt-logger.ts";

describe("Bolt logger: OAuth secrets", () => {
  it("blanks client secrets in JSON and form bodies, and every known secret value", () => {
    expect(redactSlackSecrets('body: {"code":"c","client_id":"1.2","client_secret":"abc123"}', [])).toBe(
      'body: {"code":"c","client_id":"1.2","client_secret":"[redacted]"}',
    );
    expect(redactSlackSecrets("client_id=1.2&client_secret=abc123&code=c", [])).toBe(
      "client_id=1.2&client_secret=[redacted]&code=c",
    );
    expect(redactSlackSecrets("state secret s3cr3t-value leaked", ["s3cr3t-value"])).toBe(
      "state secret [redacted] leaked",
    );
  });

  it("writes through Bolt's adapter, so tokens are blanked as well, and skips disabled levels cheaply", () => {
    const { logger, lines } = captureLogger();
    const boltLogger = createBoltLogger(logger, ["my-client-secret"]);
    boltLogger.debug("http request body:", {
      client_secret: "my-client-secret",
      refresh_token: "xoxe-1-abc",
    });
    boltLogger.error(new Error("refresh failed for my-client-secret with xoxb-1-2-3"));
    const text = JSON.stringify(lines);
    expect(text).not.toContain("my-client-secret");
    expect(text).not.toContain("xoxe-1-abc");
    expect(text).not.toContain("xoxb-1-2-3");
    expect(lines.map((line) => line.component)).toEqual(["slack", "slack"]);
  });
});
