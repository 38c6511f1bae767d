import { LogLevel } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { captureLogger } from "#test/helpers/queue-test-kit.ts";
import { createBoltLogger, redactSlackSecrets } from "./bolt-logger.ts";

describe("createBoltLogger", () => {
  it("writes Bolt's lines to pino with Slack credentials blanked", () => {
    const { logger, lines } = captureLogger();
    const bolt = createBoltLogger(logger);
    bolt.debug("http request headers:", { Authorization: "Bearer xoxb-123-456-abcDEF" });
    bolt.info("Going to connect to wss://wss.slack.test/link/?ticket=abc-123&app_id=A1");
    bolt.warn(new Error("token xapp-1-A1-999-fff was refused"));
    bolt.error("failed", 42);

    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/xoxb-123|xapp-1-A1|ticket=abc/);
    expect(lines.map((line) => [line.level, line.component])).toEqual([
      [20, "slack"],
      [30, "slack"],
      [40, "slack"],
      [50, "slack"],
    ]);
    expect(lines[1]?.msg).toBe("Going to connect to wss://wss.slack.test/link/?ticket=[redacted]&app_id=A1");
    expect(lines[3]?.msg).toBe("failed 42");
  });

  it("follows LOG_LEVEL and ignores Bolt's attempts to change it", () => {
    const { logger, lines } = captureLogger();
    logger.level = "warn";
    const bolt = createBoltLogger(logger);
    expect(bolt.getLevel()).toBe(LogLevel.WARN);
    bolt.setLevel(LogLevel.DEBUG);
    bolt.setName("web-api:WebClient:0");
    bolt.info("not shown");
    expect(bolt.getLevel()).toBe(LogLevel.WARN);
    expect(logger.level).toBe("warn");
    expect(lines).toEqual([]);
  });

  it("redacts user and refresh tokens too", () => {
    expect(redactSlackSecrets("xoxp-1-2 xoxe-1-abc xoxa-2-x")).not.toMatch(/xox[pea]-\d/);
  });
});
