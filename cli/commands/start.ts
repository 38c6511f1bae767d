import { listWorkspaceIds } from "#shared/db/workspace-repository.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import { createProducer } from "#shared/queue/enqueue.ts";
import { onShutdown } from "#shared/queue/graceful-shutdown.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { runWorker } from "#shared/queue/run-worker.ts";
import { createAnswerJob } from "#workers/answer/answer-job.ts";
import { createEmbeddingsJob } from "#workers/embeddings/embeddings-job.ts";
import { createCliPlatform } from "../cli-platform.ts";
import type { Output } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import type { Services } from "../services.ts";
import { UsageError } from "../usage-error.ts";

/** Roles this build can run; Slack, Discord, web, sync and train join as their issues land. */
export const availableRoles = ["answer"] as const;
const upcomingRoles = ["slack", "discord", "web", "sync", "train"];

/** How often the answer role asks for missing vectors to be filled in. */
const backfillEveryMs = 5 * 60_000;

/**
 * `sabio start [role…]`: runs roles in this process until SIGINT/SIGTERM, then shuts down
 * gracefully (running jobs finish, bounded by SHUTDOWN_TIMEOUT_SECONDS).
 */
export async function startCommand(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<number> {
  const roles = commandLine.positionals.length > 0 ? commandLine.positionals : [...availableRoles];
  for (const role of roles) {
    if (upcomingRoles.includes(role))
      throw new UsageError(`Role "${role}" is not available in this version yet.`);
    if (!(availableRoles as readonly string[]).includes(role)) {
      throw new UsageError(`Unknown role "${role}". Available: ${availableRoles.join(", ")}.`);
    }
  }
  const { env, logger } = services;
  const database = await services.database();
  const connection = createRedisConnection(env.REDIS_URL, { role: "worker", logger, name: "sabio-answer" });
  const producerConnection = createRedisConnection(env.REDIS_URL, {
    role: "producer",
    logger,
    name: "sabio-start",
  });
  const producer = createProducer(producerConnection, { logger, prefix: env.QUEUE_PREFIX });
  const answerDependencies = {
    store: services.store(),
    embedder: services.embedder(),
    chatModel: services.chatModel(),
    logger,
    settings: services.answerSettings(),
  };
  const questions = runWorker(
    "questions",
    createAnswerJob({
      database,
      answer: answerDependencies,
      platforms: { cli: createCliPlatform(output, { json: false }) },
      logger,
    }),
    { connection, logger, concurrency: env.ANSWER_CONCURRENCY, prefix: env.QUEUE_PREFIX },
  );
  const embeddings = runWorker(
    "embeddings",
    createEmbeddingsJob({ ...answerDependencies, embedder: services.embedder() }),
    { connection, logger, prefix: env.QUEUE_PREFIX },
  );
  const requestBackfill = async () => {
    try {
      for (const workspaceId of await listWorkspaceIds(database.db))
        await producer.enqueue("embeddings", { workspaceId });
    } catch (error) {
      logger.warn({ err: errorMessage(error) }, "could not schedule vector backfill");
    }
  };
  const timer = setInterval(requestBackfill, backfillEveryMs);
  void requestBackfill();

  const stopped = Promise.withResolvers<number>();
  onShutdown(
    [
      async () => {
        clearInterval(timer);
        await Promise.all([questions.close(), embeddings.close()]);
        await producer.close();
        await closeRedisConnection(producerConnection);
        await closeRedisConnection(connection);
        await services.close();
        stopped.resolve(0);
      },
    ],
    {
      timeoutMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000,
      logger,
      forceClosers: [() => questions.close(true), () => embeddings.close(true)],
    },
  );
  await Promise.all([questions.ready(), embeddings.ready()]);
  logger.info({ roles }, "sabio started");
  return stopped.promise;
}
