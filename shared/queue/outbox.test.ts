import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "#test/helpers/free-port.ts";
import { randomPrefix, sampleQuestion, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { listOutbox } from "../db/outbox-repository.ts";
import { ErrorCode } from "../errors/app-error.ts";
import { createProducer, type Producer } from "./enqueue.ts";
import { jobCatalog } from "./job-catalog.ts";
import { jobDedupeId } from "./job-dedupe-id.ts";
import { createOutboxProducer } from "./outbox-producer.ts";
import { closeRedisConnection, createRedisConnection } from "./redis-connection.ts";
import { removeQueues } from "./remove-queues.ts";
import { startOutboxRelay } from "./start-outbox-relay.ts";

describe.each(testDatabaseBackends)("the question outbox on $kind", (backend) => {
  const db = useTestDatabase(backend);
  const logger = silentLogger();
  const prefix = randomPrefix();
  let upConnection: Redis;
  let downConnection: Redis;
  /** Redis as the bot sees it during an outage: a port nothing listens on. */
  let down: Producer;
  let up: Producer;
  let questions: Queue;

  beforeAll(async () => {
    upConnection = createRedisConnection(testRedisUrl, { role: "producer", logger });
    downConnection = createRedisConnection(`redis://127.0.0.1:${await freePort()}`, {
      role: "producer",
      logger,
    });
    up = createProducer(upConnection, { prefix, logger });
    down = createProducer(downConnection, { prefix, logger, timeoutMs: 300 });
    questions = new Queue("questions", { connection: upConnection, prefix });
  });

  afterAll(async () => {
    await Promise.all([up.close(), down.close(), questions.close()]);
    await removeQueues(upConnection, prefix);
    await closeRedisConnection(upConnection);
    downConnection.disconnect();
  });

  async function jobsFor(eventId: string) {
    const jobs = await questions.getJobs(["wait", "prioritized", "active", "delayed", "completed"]);
    return jobs.filter((job) => (job.data as { eventId: string }).eventId === eventId);
  }

  it("keeps a question Redis cannot take, once per event, and the relay queues it exactly once", async () => {
    const question = sampleQuestion({ workspaceId: `${backend.kind}-kept` });
    const outbox = createOutboxProducer(down, db());

    const first = await outbox.enqueueOrKeep("questions", question);
    const again = await outbox.enqueueOrKeep("questions", question);
    const outboxId = jobDedupeId(jobCatalog.questions, question);
    expect(first).toEqual({ status: "kept", outboxId, duplicate: false });
    expect(again).toEqual({ status: "kept", outboxId, duplicate: true });
    const kept = (await listOutbox(db(), 100)).filter((row) => row.id === outboxId);
    expect(kept).toHaveLength(1);
    expect(kept[0]?.payload).toMatchObject({ eventId: question.eventId, text: question.text });

    // Still down: the relay leaves the row and counts the attempt.
    const stillDown = startOutboxRelay({ db: db(), producer: down, logger, intervalMs: 60_000 });
    expect(await stillDown.drain()).toBe(0);
    await stillDown.stop();
    const retried = (await listOutbox(db(), 100)).find((row) => row.id === outboxId);
    expect(retried?.attempts).toBe(1);
    expect(retried?.lastError).toBeTruthy();

    // Redis is back.
    const relay = startOutboxRelay({ db: db(), producer: up, logger, intervalMs: 60_000 });
    expect(await relay.drain()).toBe(1);
    await relay.stop();
    expect(await listOutbox(db(), 100)).toEqual([]);
    expect(await jobsFor(question.eventId)).toHaveLength(1);

    // The same event delivered after Redis came back, and kept again in another outage: still one job.
    const redelivered = await createOutboxProducer(up, db()).enqueueOrKeep("questions", question);
    expect(redelivered).toMatchObject({ status: "queued", duplicate: true });
    await outbox.enqueueOrKeep("questions", question);
    const relayAgain = startOutboxRelay({ db: db(), producer: up, logger, intervalMs: 60_000 });
    expect(await relayAgain.drain()).toBe(1);
    await relayAgain.stop();
    expect(await jobsFor(question.eventId)).toHaveLength(1);
  });

  it("queues kept questions in the order they were asked, on its own timer", async () => {
    const workspaceId = `${backend.kind}-order`;
    const outbox = createOutboxProducer(down, db());
    const asked = [
      sampleQuestion({ workspaceId }),
      sampleQuestion({ workspaceId }),
      sampleQuestion({ workspaceId }),
    ];
    for (const question of asked) await outbox.enqueueOrKeep("questions", question);

    const order: string[] = [];
    const recording: Producer = {
      async enqueue(queueName, payload, options) {
        order.push((payload as { eventId: string }).eventId);
        return up.enqueue(queueName, payload, options);
      },
      close: () => up.close(),
    };
    const relay = startOutboxRelay({ db: db(), producer: recording, logger, intervalMs: 20 });
    await waitUntilEmpty();
    await relay.stop();
    expect(order).toEqual(asked.map((question) => question.eventId));
    for (const question of asked) expect(await jobsFor(question.eventId)).toHaveLength(1);

    async function waitUntilEmpty(): Promise<void> {
      while ((await listOutbox(db(), 1)).length > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  it("refuses a bad question instead of keeping it", async () => {
    const outbox = createOutboxProducer(down, db());
    await expect(
      outbox.enqueueOrKeep("questions", sampleQuestion({ workspaceId: "Not A Workspace!" })),
    ).rejects.toMatchObject({ code: ErrorCode.InvalidInput });
    expect(await listOutbox(db(), 100)).toEqual([]);
  });
});
