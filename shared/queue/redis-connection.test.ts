import { describe, expect, it } from "vitest";
import { captureLogger, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { closeRedisConnection, createRedisConnection, pingRedis } from "./redis-connection.ts";

describe("createRedisConnection", () => {
  it("gives workers unlimited retries and producers a fail-fast connection", async () => {
    const { logger } = captureLogger();
    const worker = createRedisConnection(testRedisUrl, { role: "worker", logger, name: "sabio-test" });
    const producer = createRedisConnection(testRedisUrl, { role: "producer", logger });
    try {
      expect(worker.options.maxRetriesPerRequest).toBeNull();
      expect(producer.options.enableOfflineQueue).toBe(false);
      expect(await worker.client("GETNAME")).toBe("sabio-test");
    } finally {
      await Promise.all([closeRedisConnection(worker), closeRedisConnection(producer)]);
    }
  });

  it("logs one warning per outage, without the password", async () => {
    const { logger, lines } = captureLogger();
    const connection = createRedisConnection("redis://user:hunter2@127.0.0.1:1/0", {
      role: "worker",
      logger,
    });
    try {
      await new Promise<void>((resolve) => {
        let errors = 0;
        connection.on("error", () => {
          errors += 1;
          if (errors === 3) resolve();
        });
      });
      expect(lines.filter((line) => line.msg === "redis connection error")).toHaveLength(1);
      expect(lines.filter((line) => line.msg === "redis still unreachable").length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(lines)).not.toContain("hunter2");
    } finally {
      connection.disconnect();
    }
  });
});

describe("pingRedis", () => {
  it("tells a reachable server from an unreachable one", async () => {
    const { logger } = captureLogger();
    const up = createRedisConnection(testRedisUrl, { role: "worker", logger });
    const down = createRedisConnection("redis://127.0.0.1:1", { role: "worker", logger });
    try {
      expect(await pingRedis(up)).toBe(true);
      expect(await pingRedis(down, 500)).toBe(false);
    } finally {
      await closeRedisConnection(up);
      down.disconnect();
    }
  });
});
