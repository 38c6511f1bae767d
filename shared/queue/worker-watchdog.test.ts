import type { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import {
  captureLogger,
  completions,
  deferred,
  randomPrefix,
  sampleQuestion,
  testRedisUrl,
} from "#test/helpers/queue-test-kit.ts";
import { createProducer } from "./enqueue.ts";
import { closeRedisConnection, createRedisConnection } from "./redis-connection.ts";
import { removeQueues } from "./remove-queues.ts";
import { runWorker } from "./run-worker.ts";
import { startWorkerWatchdog, type WorkerWatchdogOptions } from "./worker-watchdog.ts";

describe("startWorkerWatchdog", () => {
  const stops: Array<() => void> = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
  });

  /** Runs the watchdog until `checks` health checks happened; counts restarts. */
  async function watch(options: Partial<WorkerWatchdogOptions> & { checks: number }) {
    let checks = 0;
    let restarts = 0;
    const enough = deferred();
    const healthy = options.isHealthy ?? (async () => true);
    stops.push(
      startWorkerWatchdog({
        queueName: "questions",
        logger: captureLogger().logger,
        intervalMs: 5,
        isRedisReachable: async () => true,
        restart: async () => {
          restarts += 1;
        },
        ...options,
        isHealthy: async () => {
          checks += 1;
          if (checks >= options.checks) enough.resolve();
          return healthy();
        },
      }),
    );
    await enough.promise;
    return () => restarts;
  }

  it("leaves a healthy worker alone", async () => {
    const restarts = await watch({ checks: 5 });
    expect(restarts()).toBe(0);
  });

  it("restarts a worker that stays unhealthy while Redis answers", async () => {
    const restarts = await watch({ checks: 3, isHealthy: async () => false });
    expect(restarts()).toBeGreaterThanOrEqual(1);
  });

  it("ignores one unhealthy check (a reconnect in progress)", async () => {
    let healthy = true;
    const restarts = await watch({
      checks: 6,
      isHealthy: async () => {
        healthy = !healthy;
        return healthy;
      },
    });
    expect(restarts()).toBe(0);
  });

  it("does not restart while Redis itself is unreachable", async () => {
    const restarts = await watch({
      checks: 5,
      isHealthy: async () => false,
      isRedisReachable: async () => false,
    });
    expect(restarts()).toBe(0);
  });
});

describe("runWorker's watchdog", () => {
  let connection: Redis | undefined;
  afterEach(async () => {
    if (connection) await closeRedisConnection(connection);
  });

  it("replaces a worker that stopped looping, and the new one takes jobs", async () => {
    const prefix = randomPrefix();
    const { logger, lines } = captureLogger();
    connection = createRedisConnection(testRedisUrl, { role: "worker", logger });
    const producer = createProducer(connection, { prefix });
    const running = runWorker("questions", async () => {}, {
      connection,
      logger,
      prefix,
      watchdogIntervalMs: 20,
    });
    try {
      await running.ready();
      const original = running.worker;
      // Simulates the reported failure: the loop is gone although Redis is fine.
      original.isRunning = () => false;
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (running.worker === original) return;
          clearInterval(poll);
          resolve();
        }, 10);
      });

      const done = completions(running.worker, 1);
      const { jobId } = await producer.enqueue("questions", sampleQuestion());
      expect(await done).toEqual([jobId]);
      expect(lines.some((line) => line.msg === "worker stuck although redis answers: restarting it")).toBe(
        true,
      );
    } finally {
      await running.close();
      await producer.close();
      await removeQueues(connection, prefix);
    }
  });
});
