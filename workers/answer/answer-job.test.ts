import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#shared/db/open-database.ts";
import { getAnswer } from "#shared/db/question-repository.ts";
import { answers, questions } from "#shared/db/schema.ts";
import { createOllamaEmbedder } from "#shared/knowledge/embed/ollama-embedder.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import { createOllamaChatModel } from "#shared/model/ollama-chat-model.ts";
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
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { createAnswerJob, failureText } from "./answer-job.ts";

const logger = silentLogger();
const postgres = testDatabaseBackends.find((backend) => backend.kind === "postgres");

describe("answer worker on the questions queue", () => {
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
    if (!postgres) throw new Error("postgres backend missing");
    location = await postgres.createLocation();
    database = await location.open();
    ollama = await startOllamaStandIn();
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

  it("answers a question delivered three times exactly once, streamed, cited and recorded", async () => {
    const question = sampleQuestion({
      text: "How do we deploy the billing service?",
      threadId: "1700000000.000100",
    });
    const results = await Promise.all([1, 2, 3].map(() => producer.enqueue("questions", question)));
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);

    const stored = await waitFor(async () => {
      const [row] = await database.db.select().from(questions);
      return row ? await getAnswer(database.db, row.id) : undefined;
    });
    expect(stored.mode).toBe("generated");
    expect(stored.sources.map((source) => source.url)).toEqual(["handbook/deploys.md"]);
    const finishes = slack.calls.filter((call) => call.kind === "finish");
    expect(finishes).toHaveLength(1);
    expect(finishes[0]?.target).toMatchObject({
      channelId: "C0123",
      threadId: "1700000000.000100",
      workspaceId: "acme",
    });
    expect(finishes[0]?.reply?.text).toContain("release script");
    expect(slack.calls.filter((call) => call.kind === "append").length).toBeGreaterThan(1);
    expect(await database.db.select().from(answers)).toHaveLength(1);
  });

  it("skips a redelivered question that already has an answer", async () => {
    const question = sampleQuestion({ text: "How do we deploy the billing service?" });
    const before = slack.calls.filter((call) => call.kind === "finish").length;
    await producer.enqueue("questions", question);
    await waitFor(async () =>
      slack.calls.filter((call) => call.kind === "finish").length > before ? true : undefined,
    );
    // Same event again under a new dedupe id: the worker sees it, finds the stored answer, posts nothing.
    const completed = new Set<string | undefined>();
    worker.worker.on("completed", (job) => completed.add(job.id));
    const { jobId } = await producer.enqueue("questions", question, { dedupeId: "forced-redelivery" });
    // Signal: the redelivered job completed (it found the stored answer), not a sleep.
    await waitFor(async () => (completed.has(jobId) ? true : undefined));
    expect(slack.calls.filter((call) => call.kind === "finish").length).toBe(before + 1);
  });

  it("tells the asker what to change when the question is unusable, without retrying", async () => {
    await producer.enqueue("questions", sampleQuestion({ text: "   " }));
    const error = await waitFor(async () => slack.calls.find((call) => call.kind === "error"));
    expect(error.text).toContain("The question is empty");
    expect(error.text).not.toBe(failureText);
  });
});
