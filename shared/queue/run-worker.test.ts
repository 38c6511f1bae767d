import { Queue, UnrecoverableError } from "bullmq";
import type { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  captureLogger,
  completions,
  deferred,
  fastCatalog,
  finalFailure,
  type LogLine,
  randomPrefix,
  sampleQuestion,
  testRedisUrl,
} from "#test/helpers/queue-test-kit.ts";
import { AppError, ErrorCode } from "../errors/app-error.ts";
import { createProducer, type Producer } from "./enqueue.ts";
import type { JobPayload } from "./job-catalog.ts";
import { closeRedisConnection, createRedisConnection } from "./redis-connection.ts";
import { removeQueues } from "./remove-queues.ts";
import { type JobContext, type RunningWorker, runWorker } from "./run-worker.ts";
import { UnrecoverableJobError } from "./unrecoverable-job-error.ts";

describe("runWorker", () => {
  let prefix: string;
  let workerConnection: Redis;
  let producerConnection: Redis;
  let producer: Producer;
  let lines: LogLine[];
  const running: RunningWorker[] = [];

  function start(processor: (payload: JobPayload<"questions">, context: JobContext) => Promise<void>) {
    const captured = captureLogger();
    lines = captured.lines;
    const worker = runWorker("questions", processor, {
      connection: workerConnection,
      logger: captured.logger,
      prefix,
      catalog: fastCatalog,
    });
    running.push(worker);
    return worker;
  }

  beforeEach(() => {
    prefix = randomPrefix();
    const { logger } = captureLogger();
    workerConnection = createRedisConnection(testRedisUrl, { role: "worker", logger });
    producerConnection = createRedisConnection(testRedisUrl, { role: "producer", logger });
    producer = createProducer(producerConnection, { prefix, catalog: fastCatalog });
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((worker) => worker.close()));
    await producer.close();
    await removeQueues(producerConnection, prefix);
    await Promise.all([closeRedisConnection(workerConnection), closeRedisConnection(producerConnection)]);
  });

  it("hands the processor the validated, typed payload and the job's context", async () => {
    const received = deferred<{ payload: JobPayload<"questions">; context: JobContext }>();
    const worker = start(async (payload, context) => received.resolve({ payload, context }));
    const done = completions(worker.worker, 1);

    const question = sampleQuestion({ threadId: "1700000000.000100" });
    const { jobId } = await producer.enqueue("questions", question);
    const { payload, context } = await received.promise;

    expect(payload).toEqual(question);
    expect(context).toMatchObject({ jobId, attempt: 1, attempts: 3 });
    expect(context.signal.aborted).toBe(false);
    expect(await done).toEqual([jobId]);
  });

  it("processes an event enqueued several times, also concurrently, exactly once", async () => {
    const first = sampleQuestion();
    const second = sampleQuestion();
    await producer.enqueue("questions", first);
    await producer.enqueue("questions", first);
    await producer.enqueue("questions", first);
    await Promise.all([1, 2, 3].map(() => producer.enqueue("questions", second)));

    const seen: string[] = [];
    const worker = start(async (payload) => {
      seen.push(payload.eventId);
    });
    await completions(worker.worker, 2);

    const queue = new Queue("questions", { connection: producerConnection, prefix });
    try {
      expect(await queue.getJobCounts("wait", "active", "delayed", "completed", "failed")).toEqual({
        wait: 0,
        active: 0,
        delayed: 0,
        completed: 2,
        failed: 0,
      });
    } finally {
      await queue.close();
    }
    expect(seen.sort()).toEqual([first.eventId, second.eventId].sort());
    // The dedupe window outlives the job: a late redelivery of the event adds nothing.
    expect((await producer.enqueue("questions", first)).duplicate).toBe(true);
  });

  it("fails a malformed job once, without retries, and logs no payload text", async () => {
    let calls = 0;
    const worker = start(async () => {
      calls += 1;
    });
    const failure = finalFailure(worker.worker);

    // Written around the producer, as an old deploy or a hand-made job could.
    const raw = new Queue("questions", { connection: producerConnection, prefix });
    await raw.add("questions", { workspaceId: "acme", text: "secret question text" }, { attempts: 3 });
    await raw.close();

    const { job, error } = await failure;
    expect(calls).toBe(0);
    expect(job.attemptsMade).toBe(1);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(error).toMatchObject({ code: ErrorCode.InvalidInput });
    expect(job.failedReason).toMatch(/^Invalid questions job payload: platform: .*eventId: .*receivedAt: /);

    const logged = lines.find((line) => line.msg === "job failed");
    expect(logged).toMatchObject({ queue: "questions", jobId: job.id, code: "invalid_input", attempt: 1 });
    expect(JSON.stringify(lines)).not.toContain("secret question text");
  });

  it("retries a retryable AppError up to the catalog's attempts, then fails the job", async () => {
    const attempts: number[] = [];
    const worker = start(async (_payload, context) => {
      attempts.push(context.attempt);
      throw new AppError(ErrorCode.Unavailable, "model server unreachable", { retryable: true });
    });
    const failure = finalFailure(worker.worker);
    await producer.enqueue("questions", sampleQuestion());

    const { job, error } = await failure;
    expect(attempts).toEqual([1, 2, 3]);
    expect(job.attemptsMade).toBe(3);
    expect(error).not.toBeInstanceOf(UnrecoverableError);
    expect(job.failedReason).toBe("model server unreachable");
    expect(lines.filter((line) => line.msg === "job failed, will retry")).toHaveLength(2);
    expect(lines.find((line) => line.msg === "job failed")).toMatchObject({
      code: "unavailable",
      attempt: 3,
    });
  });

  it("fails a non-retryable AppError at once as an UnrecoverableError with its code and message", async () => {
    let calls = 0;
    const worker = start(async () => {
      calls += 1;
      throw new AppError(ErrorCode.ModelNotFound, 'model "gemma4:e4b" is not pulled');
    });
    const failure = finalFailure(worker.worker);
    await producer.enqueue("questions", sampleQuestion());

    const { job, error } = await failure;
    expect(calls).toBe(1);
    expect(job.attemptsMade).toBe(1);
    expect(error).toBeInstanceOf(UnrecoverableJobError);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(error).toMatchObject({ code: "model_not_found", message: 'model "gemma4:e4b" is not pulled' });
    expect((error as Error).cause).toBeInstanceOf(AppError);
    expect(job.failedReason).toBe('model "gemma4:e4b" is not pulled');
  });

  it("keeps the catalog's retention on finished jobs", async () => {
    const worker = start(async () => {});
    const done = completions(worker.worker, 1);
    const { jobId } = await producer.enqueue("questions", sampleQuestion());
    await done;

    const queue = new Queue("questions", { connection: producerConnection, prefix });
    try {
      const job = await queue.getJob(jobId);
      expect(await job?.getState()).toBe("completed");
      expect(job?.opts.removeOnComplete).toEqual({ age: 86_400, count: 1_000 });
      expect(job?.opts.removeOnFail).toEqual({ age: 604_800, count: 5_000 });
    } finally {
      await queue.close();
    }
  });

  it("closes when its abort signal fires", async () => {
    const controller = new AbortController();
    const captured = captureLogger();
    const worker = runWorker("questions", async () => {}, {
      connection: workerConnection,
      logger: captured.logger,
      prefix,
      signal: controller.signal,
    });
    running.push(worker);
    await worker.ready();
    const closed = new Promise<void>((resolve) => worker.worker.once("closed", resolve));
    controller.abort();
    await closed;
    expect(captured.lines.some((line) => line.msg === "worker closed")).toBe(true);
  });
});
