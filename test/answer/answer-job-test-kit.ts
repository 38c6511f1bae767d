import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { BillingAlerts } from "#shared/billing/billing-alerts.ts";
import type { Billing } from "#shared/billing/billing-service.ts";
import type { Database } from "#shared/db/open-database.ts";
import { createOllamaEmbedder } from "#shared/knowledge/embed/ollama-embedder.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import { createOllamaChatModel } from "#shared/model/ollama-chat-model.ts";
import { promotedModelLookup } from "#shared/models/promoted-model-lookup.ts";
import { createProducer, type Producer } from "#shared/queue/enqueue.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { type RunningWorker, runWorker } from "#shared/queue/run-worker.ts";
import { noTelemetry } from "#shared/telemetry/telemetry.ts";
import { indexDeploysHandbook } from "#test/fixtures/deploys-handbook.ts";
import { fastCatalog, randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { recordingPlatform } from "#test/helpers/recording-platform.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type TestDatabaseLocation, testDatabaseBackends } from "#test/helpers/test-database-backends.ts";
import {
  type OllamaStandIn,
  type OllamaStandInOptions,
  startOllamaStandIn,
} from "#test/stand-ins/ollama-server.ts";
import { createAnswerJob } from "#workers/answer/answer-job.ts";

type AnswerJob = ReturnType<typeof createAnswerJob>;

export interface AnswerJobKitOptions {
  backend: "postgres" | "pglite";
  ollama?: OllamaStandInOptions;
  /** Ask the workspace's promoted model first, as the answer role does. */
  promotedModel?: boolean;
  /** The billing gate and its past-due alerts, built on the kit's database; left out, no gate. */
  billing?: (database: Database) => { billing: Billing; billingAlerts?: BillingAlerts };
  /** The workspaces the deploys handbook is indexed into (default "acme"). */
  handbookIn?: readonly string[];
}

export interface AnswerJobKit {
  readonly database: Database;
  readonly ollama: OllamaStandIn;
  readonly worker: RunningWorker;
  /** The answer job the worker runs, for tests that call it directly. */
  readonly job: AnswerJob;
  /** Enqueues on the worker's queues. */
  producer: Producer;
  /** The platform the worker answers on. */
  slack: ReturnType<typeof recordingPlatform>;
  /** How each question ended, as the job told its telemetry seam. */
  readonly outcomes: { event: "answerPosted" | "answerFailed"; questionId: string; detail: string }[];
}

interface Started {
  location: TestDatabaseLocation;
  database: Database;
  ollama: OllamaStandIn;
  temp: Awaited<ReturnType<typeof makeTempDir>>;
  store: VectorStore;
  worker: RunningWorker;
  job: AnswerJob;
}

/**
 * What the answer worker tests share: before the enclosing suite, a database and a LanceDB store
 * holding the deploys handbook, an Ollama stand-in (gemma4:e4b falling back to gemma4:e2b, top 4
 * passages) and the answer job running on a random-prefixed questions queue in the test Redis;
 * after it, all of them closed and removed.
 */
export function useAnswerJob(options: AnswerJobKitOptions): AnswerJobKit {
  const logger = silentLogger();
  const backend = testDatabaseBackends.find((candidate) => candidate.kind === options.backend);
  const prefix = randomPrefix();
  const connection = createRedisConnection(testRedisUrl, { role: "worker", logger });
  const producerConnection = createRedisConnection(testRedisUrl, { role: "producer", logger });
  const producer = createProducer(producerConnection, { prefix, catalog: fastCatalog });
  const outcomes: AnswerJobKit["outcomes"] = [];
  const slack = recordingPlatform("slack");
  const started: Partial<Started> = {};

  beforeAll(async () => {
    if (!backend) throw new Error(`${options.backend} backend missing`);
    const location = await backend.createLocation();
    started.location = location;
    const database = await location.open();
    started.database = database;
    started.ollama = await startOllamaStandIn(options.ollama);
    started.temp = await makeTempDir();
    const store = createLanceDbStore({ directory: join(started.temp.path, "lancedb"), dimensions: 256 });
    started.store = store;
    const embedder = createOllamaEmbedder({ host: started.ollama.host, dimensions: 256 });
    for (const workspaceId of options.handbookIn ?? ["acme"]) {
      await indexDeploysHandbook({ database, store, embedder, logger }, workspaceId);
    }
    const job = createAnswerJob({
      database,
      platforms: { slack: slack.platform },
      logger,
      answer: {
        store,
        embedder,
        chatModel: createOllamaChatModel({ host: started.ollama.host }),
        logger,
        settings: { chatModel: "gemma4:e4b", fallbackChatModel: "gemma4:e2b", timeoutMs: 5_000, topK: 4 },
        telemetry: {
          ...noTelemetry,
          answerPosted: (event) =>
            outcomes.push({ event: "answerPosted", questionId: event.questionId, detail: event.mode }),
          answerFailed: (event) =>
            outcomes.push({ event: "answerFailed", questionId: event.questionId, detail: event.errorCode }),
        },
        ...(options.promotedModel
          ? { promotedModel: promotedModelLookup(async () => database.db, logger) }
          : {}),
      },
      ...options.billing?.(database),
    });
    started.job = job;
    started.worker = runWorker("questions", job, { connection, logger, prefix, catalog: fastCatalog });
    await started.worker.ready();
  });

  afterAll(async () => {
    await started.worker?.close();
    await producer.close();
    await removeQueues(connection, prefix);
    await closeRedisConnection(producerConnection);
    await closeRedisConnection(connection);
    await started.store?.close();
    await started.database?.close();
    await started.location?.destroy();
    await started.ollama?.stop();
    await started.temp?.remove();
  });

  const get = <TKey extends keyof Started>(key: TKey): Started[TKey] => {
    const value = started[key];
    if (value === undefined) throw new Error(`the answer job kit starts its ${key} in beforeAll`);
    return value;
  };
  return {
    get database() {
      return get("database");
    },
    get ollama() {
      return get("ollama");
    },
    get worker() {
      return get("worker");
    },
    get job() {
      return get("job");
    },
    producer,
    slack,
    outcomes,
  };
}
