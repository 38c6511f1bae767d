import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { AppError, ErrorCode, errorMessage, isAppError } from "../errors/app-error.ts";
import type { Logger } from "../log/logger.ts";
import { proposeJobId } from "./dedupe-hash.ts";
import { fairPriority } from "./fair-priority.ts";
import {
  defaultQueuePrefix,
  type JobCatalog,
  type JobPayloadInput,
  jobCatalog,
  jobOptionsFor,
  type QueueDefinition,
  type QueueName,
} from "./job-catalog.ts";
import { jobDedupeId } from "./job-dedupe-id.ts";
import { parseJobPayload } from "./parse-job-payload.ts";

export interface EnqueueOptions {
  /** Overrides the catalog's dedupe key (e.g. a CLI request id); any string, it is hashed. */
  dedupeId?: string;
}

export interface EnqueueResult {
  jobId: string;
  /** True when this call added nothing because the same request is already queued or was recently. */
  duplicate: boolean;
}

export interface Producer {
  /**
   * Validates the payload and adds a job. Throws AppError: invalid_input (bad or oversized payload,
   * not retryable) or unavailable (Redis down or slow, retryable: the bot should tell the user).
   */
  enqueue<Q extends QueueName>(
    queueName: Q,
    payload: JobPayloadInput<Q>,
    options?: EnqueueOptions,
  ): Promise<EnqueueResult>;
  /** Closes the queues; the connection stays open (its creator closes it). */
  close(): Promise<void>;
}

export interface ProducerOptions {
  /** Redis key prefix; tests pass a random one. */
  prefix?: string;
  /** Tests pass a copy with short backoffs. */
  catalog?: JobCatalog;
  logger?: Logger;
  /** How long an add may wait for Redis, including the first connection. */
  timeoutMs?: number;
}

/**
 * The producer side of the queues, for bots and the CLI. Pass a connection made with
 * `createRedisConnection(url, { role: "producer" })` so adds fail fast while Redis is down.
 */
export function createProducer(connection: Redis, options: ProducerOptions = {}): Producer {
  const prefix = options.prefix ?? defaultQueuePrefix;
  const catalog = options.catalog ?? jobCatalog;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const queues = new Map<QueueName, Queue>();

  function queueFor(name: QueueName): Queue {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection, prefix });
      // The connection's own listener already reports Redis errors; this one only keeps
      // EventEmitter from treating them as unhandled.
      queue.on("error", (error) =>
        options.logger?.debug({ queue: name, error: error.message }, "queue error"),
      );
      queues.set(name, queue);
    }
    return queue;
  }

  return {
    async enqueue(queueName, payload, enqueueOptions = {}) {
      const definition: QueueDefinition = catalog[queueName];
      const data = parseJobPayload(queueName, definition, payload);
      checkSize(queueName, definition, data);

      const hash = jobDedupeId(definition, data, enqueueOptions.dedupeId);
      const jobOptions = jobOptionsFor(definition);
      let proposedId: string | undefined;
      if (hash !== undefined) {
        proposedId = proposeJobId(hash);
        jobOptions.jobId = proposedId;
        jobOptions.deduplication = {
          id: hash,
          ...(definition.dedupe?.ttlMs === undefined ? {} : { ttl: definition.dedupe.ttlMs }),
          ...(definition.dedupe?.keepLastIfActive ? { keepLastIfActive: true } : {}),
        };
      }

      const add = async () => {
        const queue = queueFor(queueName);
        if (definition.fairness) {
          // BullMQ waits for the first connection before an add; so does the priority lookup.
          await queue.waitUntilReady();
          jobOptions.priority = await fairPriority(connection, {
            prefix,
            queueName,
            fairnessKey: definition.fairness.key(data),
          });
        }
        return queue.add(queueName, data, jobOptions);
      };
      const job = await withTimeout(
        add(),
        timeoutMs,
        () =>
          new AppError(
            ErrorCode.Unavailable,
            `Redis did not accept the ${queueName} job within ${timeoutMs} ms`,
            {
              retryable: true,
              hint: "check that Redis is running and REDIS_URL points at it",
            },
          ),
      ).catch((error: unknown) => {
        if (isAppError(error)) throw error;
        throw new AppError(
          ErrorCode.Unavailable,
          `Could not add the ${queueName} job: ${errorMessage(error)}`,
          {
            retryable: true,
            cause: error,
          },
        );
      });

      const jobId = job.id ?? proposedId ?? "";
      return { jobId, duplicate: proposedId !== undefined && jobId !== proposedId };
    },

    async close() {
      const closing = [...queues.values()].map((queue) => queue.close());
      queues.clear();
      await Promise.all(closing);
    },
  };
}

/** Job data lives in Redis memory, so size is capped per queue before it gets there. */
function checkSize(queueName: string, definition: QueueDefinition, data: unknown): void {
  const bytes = Buffer.byteLength(JSON.stringify(data), "utf8");
  if (bytes > definition.maxPayloadBytes) {
    throw new AppError(
      ErrorCode.InvalidInput,
      `The ${queueName} job payload is ${bytes} bytes; the limit is ${definition.maxPayloadBytes}. Pass ids, not documents.`,
    );
  }
}

/**
 * BullMQ waits for the first connection before any add, even with the offline queue off; this
 * bounds that wait. An add that times out may still land once Redis answers: dedupe makes the
 * caller's retry harmless.
 */
async function withTimeout<T>(work: Promise<T>, timeoutMs: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    // A late rejection of the abandoned add must not become an unhandled rejection.
    work.catch(() => {});
  }
}
