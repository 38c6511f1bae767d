import { billingFromEnv } from "#shared/billing/billing-from-env.ts";
import { memberActivityLog } from "#shared/billing/seats/member-activity-log.ts";
import { startSeatSync } from "#shared/billing/seats/start-seat-sync.ts";
import { createStripeBillingProvider } from "#shared/billing/stripe/stripe-billing-provider.ts";
import { createStripeClient } from "#shared/billing/stripe/stripe-client.ts";
import { listWorkspaceIds } from "#shared/db/workspace-repository.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import { promotedModelLookup } from "#shared/models/promoted-model-lookup.ts";
import { runWorker } from "#shared/queue/run-worker.ts";
import { createAnswerJob } from "#workers/answer/answer-job.ts";
import { createEmbeddingsJob } from "#workers/embeddings/embeddings-job.ts";
import { createIngestJob } from "#workers/ingest/ingest-job.ts";
import { answerBankOf } from "../answer-bank-of.ts";
import { billingAlertsFromEnv } from "./billing-alerts-from-env.ts";
import type { RoleContext, RunningRole } from "./role.ts";

/** Past-due warnings go to Slack admins where this deployment reaches Slack (else the log line). */
function billingAlertsOf(services: RoleContext["services"]) {
  const billingAlerts = billingAlertsFromEnv(services);
  return billingAlerts ? { billingAlerts } : {};
}

/** How often the answer role asks for missing vectors to be filled in. */
const backfillEveryMs = 5 * 60_000;

/**
 * The answer worker (questions queue), the vector backfill worker (embeddings queue) and, when this
 * process holds the embedded database, the ingests `sabio ingest` hands over (ingest queue).
 */
export async function startAnswerRole(context: RoleContext): Promise<RunningRole> {
  const { services } = context;
  const { env, logger } = services;
  const database = await services.database();
  const answerDependencies = {
    store: services.store(),
    embedder: services.embedder(),
    chatModel: services.chatModel(),
    logger,
    settings: services.answerSettings(),
    promotedModel: promotedModelLookup(async () => database.db, logger),
    answerBank: await answerBankOf(services),
    // The seam the pipeline reports retrieval, model attempts and posted answers to.
    ...(context.telemetry ? { telemetry: context.telemetry } : {}),
  };
  const connection = context.workerRedis();
  // Seats follow activity here, where every `sabio start` answers; no Stripe key, nothing scheduled.
  const seats =
    env.STRIPE_SECRET_KEY && env.STRIPE_PRICE_ID
      ? startSeatSync({
          db: database.db,
          provider: createStripeBillingProvider(
            createStripeClient({ secretKey: env.STRIPE_SECRET_KEY, apiUrl: env.STRIPE_API_URL }),
            { priceId: env.STRIPE_PRICE_ID },
          ),
          workerRedis: connection,
          producerRedis: context.producerRedis(),
          logger,
          prefix: env.QUEUE_PREFIX,
        })
      : undefined;
  const questions = runWorker(
    "questions",
    createAnswerJob({
      database,
      answer: answerDependencies,
      platforms: context.platforms,
      logger,
      viewers: services.viewers(),
      billing: billingFromEnv(env, database.db),
      ...billingAlertsOf(services),
      members: memberActivityLog(database.db, { ...(seats ? { seats: seats.scheduler } : {}), logger }),
    }),
    { connection, logger, concurrency: env.ANSWER_CONCURRENCY, prefix: env.QUEUE_PREFIX },
  );
  const embeddings = runWorker(
    "embeddings",
    createEmbeddingsJob({ ...answerDependencies, embedder: services.embedder() }),
    { connection, logger, prefix: env.QUEUE_PREFIX },
  );
  const ingests =
    context.ingestSecret === undefined
      ? undefined
      : runWorker(
          "ingest",
          createIngestJob({
            database,
            store: answerDependencies.store,
            embedder: answerDependencies.embedder,
            logger,
            secret: context.ingestSecret,
          }),
          { connection, logger, prefix: env.QUEUE_PREFIX },
        );
  const requestBackfill = async () => {
    try {
      for (const workspaceId of await listWorkspaceIds(database.db)) {
        await context.producer().enqueue("embeddings", { workspaceId });
      }
    } catch (error) {
      logger.warn({ err: errorMessage(error) }, "could not schedule vector backfill");
    }
  };
  const timer = setInterval(requestBackfill, backfillEveryMs);
  void requestBackfill();
  return {
    name: "answer",
    ready: async () => {
      await Promise.all([questions.ready(), embeddings.ready(), ingests?.ready(), seats?.ready()]);
    },
    close: async () => {
      clearInterval(timer);
      await Promise.all([questions.close(), embeddings.close(), ingests?.close(), seats?.close()]);
    },
    forceClose: async () => {
      clearInterval(timer);
      await Promise.all([
        questions.close(true),
        embeddings.close(true),
        ingests?.close(true),
        seats?.close(true),
      ]);
    },
  };
}
