import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deferred, randomPrefix, sampleQuestion, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { createProducer, type Producer } from "./enqueue.ts";
import { fairPriority, maxPriority } from "./fair-priority.ts";
import type { JobPayload } from "./job-catalog.ts";
import { closeRedisConnection, createRedisConnection } from "./redis-connection.ts";
import { removeQueues } from "./remove-queues.ts";
import { type RunningWorker, runWorker } from "./run-worker.ts";

describe("fair share of the questions queue across workspaces", () => {
  const logger = silentLogger();
  let prefix: string;
  let producerConnection: Redis;
  let workerConnection: Redis;
  let producer: Producer;
  let worker: RunningWorker | undefined;

  beforeEach(() => {
    prefix = randomPrefix();
    producerConnection = createRedisConnection(testRedisUrl, { role: "producer", logger });
    workerConnection = createRedisConnection(testRedisUrl, { role: "worker", logger });
    producer = createProducer(producerConnection, { prefix });
  });

  afterEach(async () => {
    await worker?.close();
    worker = undefined;
    await producer.close();
    await removeQueues(producerConnection, prefix);
    await Promise.all([closeRedisConnection(producerConnection), closeRedisConnection(workerConnection)]);
  });

  /** Runs a worker at concurrency 1 until `count` questions are done; returns them in order. */
  async function processInOrder(count: number): Promise<JobPayload<"questions">[]> {
    const order: JobPayload<"questions">[] = [];
    const done = deferred();
    worker = runWorker(
      "questions",
      async (question) => {
        order.push(question);
        if (order.length === count) done.resolve();
      },
      { connection: workerConnection, logger, prefix, concurrency: 1 },
    );
    await done.promise;
    return order;
  }

  it("starts a single question from B, asked after 200 from A, within the next few", async () => {
    const burst = Array.from({ length: 200 }, () => sampleQuestion({ workspaceId: "alpha" }));
    for (const question of burst) await producer.enqueue("questions", question);
    const single = sampleQuestion({ workspaceId: "bravo" });
    await producer.enqueue("questions", single);

    const order = await processInOrder(201);
    const position = order.findIndex((question) => question.eventId === single.eventId);
    expect(position).toBeGreaterThanOrEqual(0);
    expect(position).toBeLessThan(3);
    // A's questions still run in the order they were asked.
    expect(
      order.filter((question) => question.workspaceId === "alpha").map((question) => question.eventId),
    ).toEqual(burst.map((question) => question.eventId));
  });

  it("keeps each workspace in order while their jobs interleave and some have started", async () => {
    const questions = new Queue("questions", { connection: producerConnection, prefix });
    try {
      const asked: JobPayload<"questions">[] = [];
      for (let round = 0; round < 10; round += 1) {
        for (const workspaceId of ["alpha", "alpha", "bravo", "charlie"]) {
          const question = sampleQuestion({ workspaceId }) as JobPayload<"questions">;
          asked.push(question);
          await producer.enqueue("questions", question);
        }
      }
      const order = await processInOrder(asked.length);
      for (const workspaceId of ["alpha", "bravo", "charlie"]) {
        const of = (list: JobPayload<"questions">[]) =>
          list.filter((question) => question.workspaceId === workspaceId).map((question) => question.eventId);
        expect(of(order)).toEqual(of(asked));
      }
      // Alpha asked twice as much: it does not get ahead of the others by it. Among the first 12,
      // bravo and charlie each had at least 3.
      const first = order.slice(0, 12).map((question) => question.workspaceId);
      expect(first.filter((id) => id === "bravo").length).toBeGreaterThanOrEqual(3);
      expect(first.filter((id) => id === "charlie").length).toBeGreaterThanOrEqual(3);
      expect(await questions.getJobCounts("prioritized", "wait")).toEqual({ prioritized: 0, wait: 0 });
    } finally {
      await questions.close();
    }
  });

  it("forgets every workspace's backlog once nothing waits, and never exceeds BullMQ's cap", async () => {
    const target = (fairnessKey: string) => ({ prefix, queueName: "questions", fairnessKey });
    for (let index = 0; index < 5; index += 1)
      await producer.enqueue("questions", sampleQuestion({ workspaceId: "alpha" }));
    await processInOrder(5);
    // The worker would take the job planted below.
    await worker?.close();
    worker = undefined;
    // Nothing waits now: alpha starts from the front again, like anyone else.
    expect(await fairPriority(producerConnection, target("alpha"))).toBe(1);

    await producerConnection.hset(`${prefix}:questions:fair-tags`, "alpha", String(maxPriority));
    await producerConnection.zadd(`${prefix}:questions:prioritized`, 5 * 2 ** 32 + 1, "someone-elses-job");
    expect(await fairPriority(producerConnection, target("alpha"))).toBe(maxPriority);
    // A workspace with nothing waiting joins at the head (the next priority to run).
    expect(await fairPriority(producerConnection, target("delta"))).toBe(5);
  });
});
