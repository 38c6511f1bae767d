import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackPlatform } from "#bots/slack/reply/create-slack-platform.ts";
import { replyClientOptions } from "#bots/slack/reply/reply-client-options.ts";
import type { Database } from "#shared/db/open-database.ts";
import { getAnswer } from "#shared/db/question-repository.ts";
import { members, questions } from "#shared/db/schema.ts";
import type { DocumentAccess, SourceDocument } from "#shared/knowledge/document.ts";
import { createOllamaEmbedder } from "#shared/knowledge/embed/ollama-embedder.ts";
import { indexDocuments } from "#shared/knowledge/index-documents.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import type { JobPayload } from "#shared/queue/job-catalog.ts";
import type { JobContext } from "#shared/queue/run-worker.ts";
import { captureLogger } from "#test/helpers/queue-test-kit.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type TestDatabaseLocation, testDatabaseBackends } from "#test/helpers/test-database-backends.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { standInClient } from "#test/stand-ins/slack/stand-in-client.ts";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { createAnswerJob } from "./answer-job.ts";

const workspaceId = "acme";
const pglite = testDatabaseBackends.find((backend) => backend.kind === "pglite");

function doc(externalId: string, title: string, content: string, access: DocumentAccess): SourceDocument {
  const url = `https://drive.test/${externalId}`;
  return { workspaceId, source: "drive", externalId, title, url, updatedAt: new Date(), content, access };
}

/** Bob's own file, one the domain shares, and one for anyone. */
const documents = [
  doc("bob", "Bob's offsite plan", "# Offsite plan\n\nThe offsite budget is forty thousand euros.", {
    users: ["Bob@Example.com"],
  }),
  doc("domain", "Offsite dates", "# Offsite dates\n\nThe offsite budget is set by finance in May.", {
    domains: ["example.com"],
  }),
];

describe("answer job: the Slack asker's email decides what the answer may use", () => {
  let location: TestDatabaseLocation;
  let database: Database;
  let ollama: OllamaStandIn;
  let slack: SlackStandIn;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let store: VectorStore;
  const { logger, lines } = captureLogger();
  let job: ReturnType<typeof createAnswerJob>;

  beforeAll(async () => {
    if (!pglite) throw new Error("pglite backend missing");
    location = await pglite.createLocation();
    database = await location.open();
    ollama = await startOllamaStandIn();
    slack = await startSlackStandIn({
      users: {
        U0BOB: { name: "bob", email: "bob@example.com" },
        U0ALICE: { name: "alice", email: "alice@example.com" },
      },
    });
    temp = await makeTempDir();
    store = createLanceDbStore({ directory: join(temp.path, "lancedb"), dimensions: 256 });
    const embedder = createOllamaEmbedder({ host: ollama.host, dimensions: 256 });
    await indexDocuments(
      { database, store, embedder, logger },
      { workspaceId, source: "drive", documents, complete: true },
    );
    const platform = createSlackPlatform({
      clientFor: async () => standInClient(slack, replyClientOptions(slack.apiUrl)),
      logger,
      streaming: "off",
      updateIntervalMs: 50,
    });
    job = createAnswerJob({
      database,
      platforms: { slack: platform },
      logger,
      answer: {
        store,
        embedder,
        chatModel: null,
        logger,
        settings: { chatModel: "m", fallbackChatModel: "", timeoutMs: 5_000, topK: 4 },
      },
    });
  });

  afterAll(async () => {
    await store?.close();
    await database?.close();
    await location?.destroy();
    await slack?.close();
    await ollama?.stop();
    await temp?.remove();
  });

  /** Runs one question through the job and returns what its answer was built from. */
  const ask = async (userId: string) => {
    const seeded = slack.seedMessage("C1", { user: userId, text: "What is the offsite budget?" });
    const payload: JobPayload<"questions"> = {
      workspaceId,
      platform: "slack",
      eventId: `Ev-${seeded.ts}`,
      channelId: "C1",
      messageId: seeded.ts,
      userId,
      text: "What is the offsite budget?",
      receivedAt: new Date().toISOString(),
    } as JobPayload<"questions">;
    const context: JobContext = {
      jobId: `job-${seeded.ts}`,
      attempt: 1,
      attempts: 1,
      signal: new AbortController().signal,
      updateProgress: async () => {},
    };
    await job(payload, context);
    const rows = await database.db.select().from(questions);
    const row = rows.find((question) => question.eventId === payload.eventId);
    const answer = row ? await getAnswer(database.db, row.id) : undefined;
    if (!answer) throw new Error("no answer recorded");
    const posted = slack.thread("C1", seeded.ts).filter((message) => message.user === slack.botUserId);
    return { answer, shown: JSON.stringify({ answer, posted }) };
  };

  it("answers bob from his own file, found through users.info", async () => {
    const before = slack.callsTo("users.info").length;
    const { answer } = await ask("U0BOB");
    expect(slack.callsTo("users.info").length).toBe(before + 1);
    expect(JSON.stringify(answer.served)).toContain("forty thousand");
    expect(answer.sources.map((source) => source.title)).toContain("Bob's offsite plan");
  });

  it("never shows alice bob's file: not in the passages, the sources or the message", async () => {
    const { answer, shown } = await ask("U0ALICE");
    expect(shown).not.toContain("forty thousand");
    expect(shown).not.toContain("Bob's offsite plan");
    expect(JSON.stringify(answer.served)).toContain("Offsite dates");
  });

  it("answers as an unknown email when users.info fails, logging it, never failing the answer", async () => {
    slack.failNext("users.info", { error: "missing_scope" });
    const { answer, shown } = await ask("U0BOBTWO");
    expect(shown).not.toContain("forty thousand");
    // Unknown email: what the whole domain may see.
    expect(JSON.stringify(answer.served)).toContain("Offsite dates");
    expect(lines.some((line) => line.msg.includes("could not read the asker's email"))).toBe(true);
    expect(JSON.stringify(lines)).not.toContain("bob@example.com");
  });

  it("makes each asker an active member of the workspace (a seat), per platform identity", async () => {
    await ask("U0CAROL");
    const rows = await database.db.select().from(members);
    expect(rows.find((row) => row.userId === "U0CAROL")).toMatchObject({
      workspaceId,
      platform: "slack",
      isBot: false,
      lastActivity: "asked",
    });
  });
});
