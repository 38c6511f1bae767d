import type { Db } from "../db/database.ts";
import { keepInOutbox } from "../db/outbox-repository.ts";
import { AppError, ErrorCode, errorMessage, isAppError } from "../errors/app-error.ts";
import type { Logger } from "../log/logger.ts";
import type { Producer } from "./enqueue.ts";
import {
  type JobCatalog,
  type JobPayloadInput,
  jobCatalog,
  type QueueDefinition,
  type QueueName,
} from "./job-catalog.ts";
import { jobDedupeId } from "./job-dedupe-id.ts";
import { parseJobPayload } from "./parse-job-payload.ts";

/** Where an accepted job went: onto the queue, or into the database until Redis answers. */
export type EnqueueOrKeepResult =
  | { status: "queued"; jobId: string; duplicate: boolean }
  | {
      status: "kept";
      /** The outbox row's id: the job's dedupe id. */
      outboxId: string;
      /** True when this job was already kept: the same request delivered again while Redis was down. */
      duplicate: boolean;
    };

export interface OutboxProducer {
  /**
   * Queues the job, or, when Redis cannot take it (AppError "unavailable"), keeps it in the
   * `question_outbox` table for `startOutboxRelay` to queue later. Throws invalid_input for a bad
   * payload, and whatever the database throws when it cannot keep the job either.
   */
  enqueueOrKeep<Q extends QueueName>(queueName: Q, payload: JobPayloadInput<Q>): Promise<EnqueueOrKeepResult>;
}

export interface OutboxProducerOptions {
  catalog?: JobCatalog;
  logger?: Logger;
}

/**
 * Exactly once across the outbox and the queue: the row's primary key is the same dedupe id the
 * queue uses (`jobDedupeId`), so one request is one row however often it is delivered, and the
 * relay's add of that row is deduplicated by BullMQ like any other add (also when the add that
 * "failed" on a timeout landed after all). Only queues with a dedupe key can be kept.
 */
export function createOutboxProducer(
  producer: Producer,
  db: Db,
  options: OutboxProducerOptions = {},
): OutboxProducer {
  const catalog = options.catalog ?? jobCatalog;
  return {
    async enqueueOrKeep(queueName, payload) {
      // Widened: the queues' schemas share no fields, so TypeScript can't infer one for the union.
      const definition: QueueDefinition = catalog[queueName];
      const data = parseJobPayload(queueName, definition, payload) as Record<string, unknown>;
      const outboxId = jobDedupeId(definition, data);
      if (outboxId === undefined) {
        throw new AppError(
          ErrorCode.Internal,
          `The ${queueName} queue has no dedupe key; its jobs cannot be kept`,
        );
      }
      try {
        const { jobId, duplicate } = await producer.enqueue(queueName, payload);
        return { status: "queued", jobId, duplicate };
      } catch (error) {
        if (!isAppError(error) || error.code !== ErrorCode.Unavailable) throw error;
        const created = await keepInOutbox(db, {
          id: outboxId,
          queue: queueName,
          payload: data,
          lastError: errorMessage(error),
        });
        options.logger?.warn(
          { queue: queueName, outboxId, duplicate: !created },
          "redis unavailable; job kept in the outbox",
        );
        return { status: "kept", outboxId, duplicate: !created };
      }
    },
  };
}
