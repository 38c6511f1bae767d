import { randomUUID } from "node:crypto";
import { createLogger } from "../shared/log/logger.ts";
import { createProducer } from "../shared/queue/enqueue.ts";
import { type JobCatalog, jobCatalog } from "../shared/queue/job-catalog.ts";
import { closeRedisConnection, createRedisConnection } from "../shared/queue/redis-connection.ts";
import { removeQueues } from "../shared/queue/remove-queues.ts";
import { runWorker } from "../shared/queue/run-worker.ts";

/**
 * Fairness: workspace A enqueues a burst of questions, then workspace B asks one. A worker at
 * concurrency 1 (one model slot) processes them with a fixed delay standing in for the model.
 * Reported: B's position in the processing order (1 = first) and its wait from enqueue to start,
 * with the catalog's fair priorities and, for comparison, plain FIFO (fairness removed).
 */

export interface FairnessOptions {
  redisUrl: string;
  /** Questions from workspace A before B's one. */
  burst?: number;
  /** Milliseconds each question takes to "answer". */
  processMs?: number;
  /** False: the questions queue without its fairness key (plain FIFO). */
  fair?: boolean;
}

export interface FairnessResult {
  burst: number;
  processMs: number;
  fair: boolean;
  /** 1-based position of B's question among everything processed. */
  position: number;
  /** Questions that started after B was asked and before B: what B really waited behind. */
  startedWhileBWaited: number;
  waitMs: number;
}

export async function runFairnessBench(options: FairnessOptions): Promise<FairnessResult> {
  const burst = options.burst ?? 200;
  const processMs = options.processMs ?? 10;
  const fair = options.fair ?? true;
  const { fairness: _fairness, ...fifoQuestions } = jobCatalog.questions;
  const catalog: JobCatalog = fair ? jobCatalog : { ...jobCatalog, questions: fifoQuestions };
  const logger = createLogger({ level: "warn" });
  const prefix = `sabio-bench-${randomUUID().slice(0, 8)}`;
  const workerConnection = createRedisConnection(options.redisUrl, { role: "worker", logger });
  const producerConnection = createRedisConnection(options.redisUrl, { role: "producer", logger });
  const producer = createProducer(producerConnection, { prefix, catalog });

  const order: string[] = [];
  const startedAt: number[] = [];
  let bStartedAt = 0;
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  const worker = runWorker(
    "questions",
    async (question) => {
      order.push(question.workspaceId);
      startedAt.push(performance.now());
      if (question.workspaceId === "bench-b") bStartedAt = performance.now();
      await new Promise((resolve) => setTimeout(resolve, processMs));
      if (order.length === burst + 1) resolveDone();
    },
    { connection: workerConnection, logger, prefix, concurrency: 1, catalog },
  );
  try {
    await worker.ready();
    const question = (workspaceId: string) => ({
      workspaceId,
      platform: "slack" as const,
      eventId: `Ev${randomUUID()}`,
      text: "How do I request vacation days?",
      receivedAt: new Date().toISOString(),
    });
    for (let index = 0; index < burst; index += 1) await producer.enqueue("questions", question("bench-a"));
    const bEnqueuedAt = performance.now();
    await producer.enqueue("questions", question("bench-b"));
    await done;
    const position = order.indexOf("bench-b") + 1;
    const startedWhileBWaited = startedAt.filter((at) => at >= bEnqueuedAt && at < bStartedAt).length;
    return { burst, processMs, fair, position, startedWhileBWaited, waitMs: bStartedAt - bEnqueuedAt };
  } finally {
    await worker.close();
    await producer.close();
    await removeQueues(producerConnection, prefix);
    await Promise.all([closeRedisConnection(workerConnection), closeRedisConnection(producerConnection)]);
  }
}

export function formatFairnessBench(results: FairnessResult[]): string {
  const lines = ["Fairness: A enqueues a burst, then B asks one; one worker slot, fixed processing time"];
  for (const result of results) {
    lines.push(
      `  ${result.fair ? "fair    " : "FIFO    "} burst ${result.burst}, ${result.processMs} ms/question: B is #${result.position}, ${result.startedWhileBWaited} started after it was asked, waited ${Math.round(result.waitMs)} ms`,
    );
  }
  return lines.join("\n");
}

if (import.meta.main) {
  const { loadDotEnv, parseEnv } = await import("../shared/config/load-env.ts");
  loadDotEnv();
  const env = parseEnv(process.env);
  const results: FairnessResult[] = [];
  for (const fair of [true, false]) {
    for (const processMs of [10, 50])
      results.push(await runFairnessBench({ redisUrl: env.REDIS_URL, fair, processMs }));
  }
  console.log(formatFairnessBench(results));
}
