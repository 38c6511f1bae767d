import { randomUUID } from "node:crypto";
import type { Job, Worker } from "bullmq";
import { createLogger, type Logger } from "#shared/log/logger.ts";
import { type JobCatalog, type JobPayloadInput, jobCatalog } from "#shared/queue/job-catalog.ts";

/** Shared by the queue tests: real Redis, one random key prefix per test, cleaned after. */

export const testRedisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export function randomPrefix(): string {
  return `sabio-test-${randomUUID().slice(0, 8)}`;
}

/** The real catalog with backoffs short enough for retry tests. */
export const fastCatalog: JobCatalog = {
  ...jobCatalog,
  questions: { ...jobCatalog.questions, backoff: { type: "exponential", delay: 5, jitter: 0 } },
  embeddings: { ...jobCatalog.embeddings, backoff: { type: "exponential", delay: 5, jitter: 0 } },
};

export function sampleQuestion(
  overrides: Partial<JobPayloadInput<"questions">> = {},
): JobPayloadInput<"questions"> {
  return {
    workspaceId: "acme",
    platform: "slack",
    eventId: `Ev${randomUUID()}`,
    channelId: "C0123",
    userId: "U0456",
    text: "How do we deploy the billing service?",
    receivedAt: "2026-11-26T10:00:00.000Z",
    ...overrides,
  };
}

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A pino logger that keeps its lines in memory. */
export function captureLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger({
    level: "debug",
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
  });
  return { logger, lines };
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** Resolves with the first failure after which the job will not be retried. */
export function finalFailure(
  worker: Worker<unknown, void>,
): Promise<{ job: Job<unknown, void>; error: Error }> {
  return new Promise((resolve) => {
    const listener = (job: Job<unknown, void> | undefined, error: Error) => {
      if (job?.finishedOn === undefined) return;
      worker.off("failed", listener);
      resolve({ job, error });
    };
    worker.on("failed", listener);
  });
}

/** Resolves once `count` jobs have completed on this worker. */
export function completions(worker: Worker<unknown, void>, count: number): Promise<string[]> {
  const ids: string[] = [];
  return new Promise((resolve) => {
    const listener = (job: Job<unknown, void>) => {
      ids.push(job.id ?? "");
      if (ids.length < count) return;
      worker.off("completed", listener);
      resolve(ids);
    };
    worker.on("completed", listener);
  });
}
