import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseServedRecord } from "#shared/answers/served-record.ts";
import type { Database } from "#shared/db/open-database.ts";
import { getReply } from "#shared/db/reply-repository.ts";
import { answers, questions } from "#shared/db/schema.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import type { ChatMessage, ChatModel } from "#shared/model/chat-model.ts";
import type { Platform } from "#shared/platform/platform.ts";
import type { JobPayload } from "#shared/queue/job-catalog.ts";
import { questionPayloadSchema } from "#shared/queue/job-catalog.ts";
import type { JobContext } from "#shared/queue/run-worker.ts";
import { indexDeploysHandbook } from "#test/fixtures/deploys-handbook.ts";
import { sampleQuestion } from "#test/helpers/queue-test-kit.ts";
import { recordingPlatform } from "#test/helpers/recording-platform.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { testDatabaseBackends, useOpenTestDatabase } from "#test/helpers/test-database-backends.ts";
import { createAnswerJob } from "./answer-job.ts";
import { rebuildPrompt } from "./rebuild-prompt.ts";

const logger = silentLogger();
const pglite = testDatabaseBackends.find((backend) => backend.kind === "pglite");
if (!pglite) throw new Error("pglite backend missing");

/** A model that records what it was sent and answers from the first source; or hangs until aborted. */
function scriptedModel(mode: "answer" | "hang" = "answer") {
  const sent: ChatMessage[][] = [];
  const model: ChatModel = {
    host: "http://model.test",
    async listModels() {
      return ["m"];
    },
    async chat(request) {
      sent.push(request.messages);
      if (mode === "hang") {
        await new Promise((_, reject) => {
          request.signal?.addEventListener("abort", () => reject(request.signal?.reason), { once: true });
        });
      }
      request.onToken?.("Deploys use the release script [1].");
      return {
        text: "Deploys use the release script [1].",
        model: request.model,
        promptTokens: 10,
        completionTokens: 7,
        totalDurationMs: 1,
      };
    },
  };
  return { model, sent };
}

function context(attempt: number, signal = new AbortController().signal): JobContext {
  return { jobId: "job-1", attempt, attempts: 3, signal, updateProgress: async () => {} };
}

describe("answer job: durable replies, the served record, cancel means stop", () => {
  const database = useOpenTestDatabase(pglite);
  let store: VectorStore;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;

  beforeAll(async () => {
    temp = await makeTempDir();
    store = createLanceDbStore({ directory: join(temp.path, "lancedb"), dimensions: 256 });
    await indexDeploysHandbook({ database: database(), store, embedder: null, logger });
  });
  afterAll(async () => {
    await store?.close();
    await temp?.remove();
  });

  const job = (platform: Platform, model: ChatModel, db: Database = database()) =>
    createAnswerJob({
      database: db,
      platforms: { slack: platform },
      logger,
      answer: {
        store,
        embedder: null,
        chatModel: model,
        logger,
        settings: { chatModel: "m", fallbackChatModel: "", timeoutMs: 5_000, topK: 4 },
      },
    });
  const payload = (): JobPayload<"questions"> =>
    questionPayloadSchema.parse(sampleQuestion({ threadId: "1700000000.000100" }));
  const questionId = async (eventId: string) => {
    const [row] = await database().db.select().from(questions).where(eq(questions.eventId, eventId));
    if (!row) throw new Error("question not recorded");
    return row.id;
  };

  it("a retry takes over the message the failed attempt recorded, and finishes that one", async () => {
    const question = payload();
    const first = recordingPlatform();
    // The first attempt dies after its message is up: finishing throws (Slack down, process killed).
    const dying: Platform = {
      ...first.platform,
      async stream(target, options) {
        const stream = await first.platform.stream(target, options);
        return {
          ...stream,
          finish: async () => {
            throw new Error("connection reset");
          },
        };
      },
    };
    await expect(job(dying, scriptedModel().model)(question, context(1))).rejects.toThrow(/reset/);
    const id = await questionId(question.eventId);
    const left = await getReply(database().db, id);
    expect(left).toMatchObject({ state: "open", handle: { messageId: "m1" } });

    const second = recordingPlatform();
    await job(second.platform, scriptedModel().model)(question, context(2));
    const stream = second.calls.find((call) => call.kind === "stream");
    expect(stream?.takeOver).toEqual({ messageId: "m1" });
    expect(second.calls.filter((call) => call.kind === "finish")).toHaveLength(1);
    expect(await getReply(database().db, id)).toMatchObject({ state: "finished", messageIds: ["m1"] });
  });

  it("when recording the answer fails after posting, the retry rewrites the same message", async () => {
    const question = payload();
    const real = database();
    let failures = 1;
    const flaky: Database = {
      ...real,
      db: new Proxy(real.db, {
        get(target, property, receiver) {
          if (property === "transaction" && failures > 0) {
            failures -= 1;
            return async () => {
              throw new Error("database went away");
            };
          }
          return Reflect.get(target, property, receiver);
        },
      }),
    };
    const first = recordingPlatform();
    await expect(job(first.platform, scriptedModel().model, flaky)(question, context(1))).rejects.toThrow(
      /went away/,
    );
    expect(first.calls.filter((call) => call.kind === "finish")).toHaveLength(1);

    const second = recordingPlatform();
    await job(second.platform, scriptedModel().model)(question, context(2));
    // Same message, finished again: the thread still has one answer.
    expect(second.calls.find((call) => call.kind === "stream")?.takeOver).toEqual({ messageId: "m1" });
    expect(second.calls.filter((call) => call.kind === "post")).toHaveLength(0);
    const id = await questionId(question.eventId);
    expect(await database().db.select().from(answers).where(eq(answers.questionId, id))).toHaveLength(1);
  });

  it("a cancelled job throws and posts nothing: no degraded answer, no error line", async () => {
    const question = payload();
    const platform = recordingPlatform();
    const cancel = new AbortController();
    const hanging = scriptedModel("hang");
    const running = job(platform.platform, hanging.model)(question, context(1, cancel.signal));
    await expect.poll(() => hanging.sent.length).toBe(1);
    cancel.abort(new Error("worker force-closed"));
    await expect(running).rejects.toMatchObject({ code: "cancelled", retryable: true });
    expect(platform.calls.filter((call) => ["finish", "post", "error"].includes(call.kind))).toEqual([]);
    const id = await questionId(question.eventId);
    expect(await database().db.select().from(answers).where(eq(answers.questionId, id))).toHaveLength(0);
    expect(await getReply(database().db, id)).toMatchObject({ state: "open" });
  });

  it("stores what was served: the prompt rebuilds byte for byte, passages pinned to content hashes", async () => {
    const question = payload();
    const model = scriptedModel();
    const platform = recordingPlatform();
    await job(platform.platform, model.model)(question, context(1));
    const id = await questionId(question.eventId);
    const [row] = await database().db.select().from(answers).where(eq(answers.questionId, id));
    const served = parseServedRecord(row?.served);

    expect(JSON.stringify(rebuildPrompt(served))).toBe(JSON.stringify(model.sent[0]));
    expect(served).toMatchObject({
      promptVersion: "answer-prompt/1",
      mode: "generated",
      dense: false,
      messageIds: ["m1"],
      attempts: [{ model: "m", outcome: "ok", promptTokens: 10, completionTokens: 7 }],
    });
    const [passage] = served.passages;
    expect(passage).toMatchObject({ n: 1, title: "Deploys", url: "handbook/deploys.md" });
    expect(passage?.contentHash).toMatch(/^[0-9a-f]{16,}$/);
  });
});
