import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#shared/db/open-database.ts";
import { answers, questions } from "#shared/db/schema.ts";
import { createOllamaEmbedder } from "#shared/knowledge/embed/ollama-embedder.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import { createOllamaChatModel } from "#shared/model/ollama-chat-model.ts";
import { promoteModel, rollbackModel } from "#shared/models/model-pointer.ts";
import { promotedModelLookup } from "#shared/models/promoted-model-lookup.ts";
import { createProducer } from "#shared/queue/enqueue.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { type RunningWorker, runWorker } from "#shared/queue/run-worker.ts";
import { indexDeploysHandbook } from "#test/fixtures/deploys-handbook.ts";
import { fastCatalog, randomPrefix, sampleQuestion, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { recordingPlatform } from "#test/helpers/recording-platform.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type TestDatabaseLocation, testDatabaseBackends } from "#test/helpers/test-database-backends.ts";
import { waitFor } from "#test/helpers/wait-for.ts";
import {
  defaultStandInModels,
  type OllamaStandIn,
  startOllamaStandIn,
} from "#test/stand-ins/ollama-server.ts";
import { createAnswerJob } from "./answer-job.ts";

const logger = silentLogger();
const pglite = testDatabaseBackends.find((backend) => backend.kind === "pglite");
const candidate = "sabio-acme:r1";

interface ServedAttempt {
  model: string;
  outcome: string;
}

describe("the answer worker asks the workspace's promoted model first (PGlite, Redis, Ollama stand-in)", () => {
  let location: TestDatabaseLocation;
  let database: Database;
  let ollama: OllamaStandIn;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let store: VectorStore;
  const prefix = randomPrefix();
  const connection = createRedisConnection(testRedisUrl, { role: "worker", logger });
  const producerConnection = createRedisConnection(testRedisUrl, { role: "producer", logger });
  const producer = createProducer(producerConnection, { prefix, catalog: fastCatalog });
  const slack = recordingPlatform("slack");
  let worker: RunningWorker;

  beforeAll(async () => {
    if (!pglite) throw new Error("pglite backend missing");
    location = await pglite.createLocation();
    database = await location.open();
    ollama = await startOllamaStandIn({ models: [...defaultStandInModels, candidate] });
    temp = await makeTempDir();
    store = createLanceDbStore({ directory: join(temp.path, "lancedb"), dimensions: 256 });
    const embedder = createOllamaEmbedder({ host: ollama.host, dimensions: 256 });
    await indexDeploysHandbook({ database, store, embedder, logger });
    const job = createAnswerJob({
      database,
      platforms: { slack: slack.platform },
      logger,
      answer: {
        store,
        embedder,
        chatModel: createOllamaChatModel({ host: ollama.host }),
        logger,
        settings: { chatModel: "gemma4:e4b", fallbackChatModel: "gemma4:e2b", timeoutMs: 5_000, topK: 4 },
        promotedModel: promotedModelLookup(async () => database.db, logger),
      },
    });
    worker = runWorker("questions", job, { connection, logger, prefix, catalog: fastCatalog });
    await worker.ready();
  });

  afterAll(async () => {
    await worker?.close();
    await producer.close();
    await removeQueues(connection, prefix);
    await closeRedisConnection(producerConnection);
    await closeRedisConnection(connection);
    await store?.close();
    await database?.close();
    await location?.destroy();
    await ollama?.stop();
    await temp?.remove();
  });

  /** Asks through the queue and returns the stored answer's model and its served attempts. */
  async function ask(): Promise<{ model: string | null; attempts: ServedAttempt[] }> {
    const { eventId } = sampleQuestion();
    await producer.enqueue("questions", sampleQuestion({ eventId }));
    const answer = await waitFor(async () => {
      const [row] = await database.db
        .select({ model: answers.model, served: answers.served })
        .from(answers)
        .innerJoin(questions, eq(questions.id, answers.questionId))
        .where(eq(questions.eventId, eventId));
      return row;
    });
    const attempts = (answer.served?.attempts ?? []) as ServedAttempt[];
    return { model: answer.model, attempts: attempts.map(({ model, outcome }) => ({ model, outcome })) };
  }

  it("answers with CHAT_MODEL while nothing is promoted", async () => {
    expect(await ask()).toEqual({ model: "gemma4:e4b", attempts: [{ model: "gemma4:e4b", outcome: "ok" }] });
  });

  it("answers the next question with a promoted model, and with CHAT_MODEL again after a rollback", async () => {
    await promoteModel(database.db, "acme", candidate);
    expect(await ask()).toEqual({ model: candidate, attempts: [{ model: candidate, outcome: "ok" }] });
    const chats = ollama.requestsTo("/api/chat").map((request) => (request.body as { model: string }).model);
    expect(chats.at(-1)).toBe(candidate);

    await rollbackModel(database.db, "acme");
    expect(await ask()).toEqual({ model: "gemma4:e4b", attempts: [{ model: "gemma4:e4b", outcome: "ok" }] });
  });

  it("falls back to CHAT_MODEL, then FALLBACK_CHAT_MODEL, when the promoted model is gone from Ollama", async () => {
    await promoteModel(database.db, "acme", "sabio-acme:deleted");
    expect(await ask()).toEqual({
      model: "gemma4:e4b",
      attempts: [
        { model: "sabio-acme:deleted", outcome: "model_not_found" },
        { model: "gemma4:e4b", outcome: "ok" },
      ],
    });

    ollama.failChat("gemma4:e4b", 500);
    try {
      const answer = await ask();
      expect(answer.model).toBe("gemma4:e2b");
      expect(answer.attempts.map((attempt) => attempt.model)).toEqual([
        "sabio-acme:deleted",
        "gemma4:e4b",
        "gemma4:e2b",
      ]);
      expect(answer.attempts.at(-1)?.outcome).toBe("ok");
    } finally {
      ollama.failChat("gemma4:e4b", null);
      await rollbackModel(database.db, "acme");
    }
  });

  it("answers with CHAT_MODEL when the pointer can't be read (the answer never waits on it)", async () => {
    const lookup = promotedModelLookup(async () => {
      throw new Error("database unreachable");
    }, logger);
    expect(await lookup("acme")).toBeNull();
  });
});
