import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  captureLogger,
  fastCatalog,
  randomPrefix,
  sampleQuestion,
  testRedisUrl,
} from "#test/helpers/queue-test-kit.ts";
import { AppError, ErrorCode } from "../errors/app-error.ts";
import { createProducer, type Producer } from "./enqueue.ts";
import { jobCatalog } from "./job-catalog.ts";
import { closeRedisConnection, createRedisConnection } from "./redis-connection.ts";
import { removeQueues } from "./remove-queues.ts";

describe("createProducer", () => {
  let prefix: string;
  let connection: Redis;
  let producer: Producer;
  let questions: Queue;

  beforeEach(() => {
    prefix = randomPrefix();
    connection = createRedisConnection(testRedisUrl, { role: "producer", logger: captureLogger().logger });
    producer = createProducer(connection, { prefix });
    questions = new Queue("questions", { connection, prefix });
  });

  afterEach(async () => {
    await producer.close();
    await questions.close();
    await removeQueues(connection, prefix);
    await closeRedisConnection(connection);
  });

  it("adds a validated job with the catalog's attempts, backoff and bounded retention", async () => {
    const result = await producer.enqueue("questions", sampleQuestion());
    expect(result.duplicate).toBe(false);
    expect(result.jobId).not.toContain(":");

    const job = await questions.getJob(result.jobId);
    if (!job) throw new Error("job not found");
    expect(job.opts).toMatchObject({
      attempts: 3,
      backoff: { type: "exponential", delay: 2_000, jitter: 0.5 },
      removeOnComplete: jobCatalog.questions.removeOnComplete,
      removeOnFail: jobCatalog.questions.removeOnFail,
    });
    expect(job.data).toEqual(sampleQuestion({ eventId: (job.data as { eventId: string }).eventId }));
  });

  it("adds a platform event once however often it is enqueued", async () => {
    const question = sampleQuestion({ eventId: "1183749283749287364" });
    const first = await producer.enqueue("questions", question);
    const second = await producer.enqueue("questions", question);
    const third = await producer.enqueue("questions", { ...question, text: "edited text, same event" });

    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ jobId: first.jobId, duplicate: true });
    expect(third).toEqual({ jobId: first.jobId, duplicate: true });
    expect(await questions.getJobCountByTypes("wait", "prioritized", "active", "delayed")).toBe(1);
  });

  it("adds a platform event once when the enqueues race", async () => {
    const question = sampleQuestion();
    const results = await Promise.all([1, 2, 3].map(() => producer.enqueue("questions", question)));

    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
    expect(new Set(results.map((result) => result.jobId)).size).toBe(1);
    expect(await questions.getJobCountByTypes("wait", "prioritized", "active", "delayed")).toBe(1);
  });

  it("treats the same event id on another platform or workspace as another question", async () => {
    const question = sampleQuestion();
    const onDiscord = await producer.enqueue("questions", { ...question, platform: "discord" });
    const elsewhere = await producer.enqueue("questions", { ...question, workspaceId: "globex" });
    const original = await producer.enqueue("questions", question);
    expect([onDiscord.duplicate, elsewhere.duplicate, original.duplicate]).toEqual([false, false, false]);
  });

  it("dedupes on an explicit dedupe id", async () => {
    const first = await producer.enqueue("questions", sampleQuestion(), { dedupeId: "cli:req:42" });
    const second = await producer.enqueue("questions", sampleQuestion(), { dedupeId: "cli:req:42" });
    expect(second).toEqual({ jobId: first.jobId, duplicate: true });
  });

  it("keeps one pending backfill per workspace", async () => {
    const first = await producer.enqueue("embeddings", { workspaceId: "acme" });
    const second = await producer.enqueue("embeddings", { workspaceId: "acme" });
    const other = await producer.enqueue("embeddings", { workspaceId: "globex" });
    expect(second).toEqual({ jobId: first.jobId, duplicate: true });
    expect(other.duplicate).toBe(false);
  });

  it("rejects an invalid payload with a message naming each field, and adds nothing", async () => {
    const bad = { ...sampleQuestion(), platform: "teams", text: "", receivedAt: "yesterday" };
    const error = await producer
      .enqueue("questions", bad as unknown as ReturnType<typeof sampleQuestion>)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: ErrorCode.InvalidInput, retryable: false });
    const message = (error as AppError).message;
    expect(message).toMatch(/^Invalid questions job payload: /);
    expect(message).toContain("platform: Invalid option");
    expect(message).toContain("text: Too small");
    expect(message).toContain("receivedAt: Invalid ISO datetime");
    expect(
      await questions.getJobCountByTypes("wait", "prioritized", "active", "delayed", "completed", "failed"),
    ).toBe(0);
  });

  it("rejects text over 4000 characters and workspace ids that are not canonical", async () => {
    await expect(producer.enqueue("questions", sampleQuestion({ text: "x".repeat(4001) }))).rejects.toThrow(
      /text: Too big: expected string to have <=4000 characters/,
    );
    await expect(producer.enqueue("embeddings", { workspaceId: "../etc" })).rejects.toThrow(
      /workspaceId: must be a workspace id/,
    );
  });

  it("rejects a payload over the queue's size limit", async () => {
    const small = createProducer(connection, {
      prefix,
      catalog: { ...fastCatalog, questions: { ...fastCatalog.questions, maxPayloadBytes: 300 } },
    });
    try {
      const error = await small
        .enqueue("questions", sampleQuestion({ text: "é".repeat(200) }))
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: ErrorCode.InvalidInput, retryable: false });
      expect((error as Error).message).toMatch(/payload is \d+ bytes; the limit is 300/);
    } finally {
      await small.close();
    }
  });
});

describe("createProducer without Redis", () => {
  it("fails fast with a retryable unavailable error, and logs no password", async () => {
    const { logger, lines } = captureLogger();
    const connection = createRedisConnection("redis://:s3cret-pw@127.0.0.1:1", { role: "producer", logger });
    const producer = createProducer(connection, { prefix: randomPrefix(), timeoutMs: 300 });
    try {
      const error = await producer.enqueue("questions", sampleQuestion()).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: ErrorCode.Unavailable, retryable: true });
      expect((error as Error).message).toContain("within 300 ms");

      const warning = lines.find((line) => line.msg === "redis connection error");
      expect(warning).toMatchObject({ role: "producer", code: "ECONNREFUSED" });
      expect(JSON.stringify(lines)).not.toContain("s3cret-pw");
      expect(String(warning?.redis)).toContain("127.0.0.1:1");
    } finally {
      connection.disconnect();
      await producer.close();
    }
  });
});
