import { errorMessage, isAppError } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { Producer } from "#shared/queue/enqueue.ts";
import type { JobPayloadInput } from "#shared/queue/job-catalog.ts";
import type { OutboxProducer } from "#shared/queue/outbox-producer.ts";

export interface QuestionQueue {
  producer: Producer;
  /** Given: a question Redis cannot take is kept in the database until Redis is back. */
  outbox?: OutboxProducer | undefined;
}

/**
 * Hands the question to the answer worker, or keeps it in the outbox while Redis is down.
 * "duplicate": the queue or the outbox already had this message. "failed": refused (logged).
 */
export async function enqueueDiscordQuestion(
  payload: JobPayloadInput<"questions">,
  queue: QuestionQueue,
  log: Logger,
): Promise<"queued" | "kept" | "duplicate" | "failed"> {
  const { workspaceId } = payload;
  try {
    if (queue.outbox) {
      const result = await queue.outbox.enqueueOrKeep("questions", payload);
      if (result.status === "kept") {
        log.info(
          { outboxId: result.outboxId, duplicate: result.duplicate, workspaceId },
          "discord question kept until redis is back",
        );
        return result.duplicate ? "duplicate" : "kept";
      }
      log.info(
        { jobId: result.jobId, duplicate: result.duplicate, workspaceId },
        "discord question enqueued",
      );
      return result.duplicate ? "duplicate" : "queued";
    }
    const { jobId, duplicate } = await queue.producer.enqueue("questions", payload);
    log.info({ jobId, duplicate, workspaceId }, "discord question enqueued");
    return duplicate ? "duplicate" : "queued";
  } catch (error) {
    log.error(
      { err: errorMessage(error), code: isAppError(error) ? error.code : undefined },
      "could not enqueue discord question",
    );
    return "failed";
  }
}
