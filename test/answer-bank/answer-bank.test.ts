import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnswerBank, createAnswerBank } from "#shared/answers/bank/answer-bank.ts";
import { deleteApproval } from "#shared/db/feedback-repository.ts";
import type { Database } from "#shared/db/open-database.ts";
import { answerBank } from "#shared/db/schema.ts";
import { createOllamaEmbedder } from "#shared/knowledge/embed/ollama-embedder.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { type TestDatabaseLocation, testDatabaseBackends } from "#test/helpers/test-database-backends.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { approvedQuestion, insertDocument } from "./bank-test-kit.ts";

const question = "How many vacation days do I get per year?";
const rephrased = "How many days of vacation do I get each year?";

describe.each(testDatabaseBackends)("answer bank on $kind", (backend) => {
  let location: TestDatabaseLocation;
  let database: Database;
  let ollama: OllamaStandIn;
  let downHost: string;
  const bankOf = (host: string | null) =>
    createAnswerBank({
      db: database.db,
      embedder: host ? createOllamaEmbedder({ host, dimensions: 256 }) : null,
      logger: silentLogger(),
    });

  beforeAll(async () => {
    location = await backend.createLocation();
    database = await location.open();
    ollama = await startOllamaStandIn();
    downHost = await closedPortHost();
  });
  afterAll(async () => {
    await ollama?.stop();
    await database?.close();
    await location?.destroy();
  });

  async function approvedVacationAnswer(workspaceId: string, access?: { users: string[] }) {
    const source = await insertDocument(database.db, {
      id: `${workspaceId}-leave`,
      workspaceId,
      contentHash: "hash-1",
      ...(access ? { access } : {}),
    });
    return approvedQuestion(database.db, {
      workspaceId,
      question,
      answer: "You get 25 days a year [1].",
      sources: [source],
      correctedText: "You get 26 days a year [1].",
    });
  }

  it("serves the approved (corrected) text for a rephrasing, only in its workspace", async () => {
    const questionId = await approvedVacationAnswer("ws-serve");
    const bank = bankOf(ollama.host);
    await bank.approved("ws-serve", questionId);
    const found = await bank.findApprovedAnswer({ workspaceId: "ws-serve", question: rephrased });
    expect(found).toMatchObject({
      questionId,
      text: "You get 26 days a year [1].",
      corrected: true,
      approvedBy: { platform: "slack", userId: "U0APPROVER" },
      sources: [{ n: 1, documentId: "ws-serve-leave" }],
    });
    expect(found?.similarity).toBeGreaterThanOrEqual(found?.threshold ?? 1);
    // Another workspace never sees it, even with the same question.
    expect(await bank.findApprovedAnswer({ workspaceId: "ws-other", question })).toBeNull();
    // A question about something else that shares the words is answered afresh.
    expect(
      await bank.findApprovedAnswer({
        workspaceId: "ws-serve",
        question: "How many sick days do I get per year?",
      }),
    ).toBeNull();
  });

  it("is seen by another process's bank, and forgets a dropped approval", async () => {
    const questionId = await approvedVacationAnswer("ws-shared");
    const reader = bankOf(ollama.host);
    expect(await reader.findApprovedAnswer({ workspaceId: "ws-shared", question })).toBeNull();
    await bankOf(ollama.host).approved("ws-shared", questionId);
    expect((await reader.findApprovedAnswer({ workspaceId: "ws-shared", question }))?.questionId).toBe(
      questionId,
    );
    await deleteApproval(database.db, questionId);
    expect(await reader.findApprovedAnswer({ workspaceId: "ws-shared", question })).toBeNull();
  });

  it("stops serving an approval once a cited document changes", async () => {
    const questionId = await approvedVacationAnswer("ws-stale");
    const bank = bankOf(ollama.host);
    await bank.approved("ws-stale", questionId);
    expect(await bank.findApprovedAnswer({ workspaceId: "ws-stale", question: rephrased })).not.toBeNull();
    await insertDocument(database.db, {
      id: "ws-stale-leave",
      workspaceId: "ws-stale",
      contentHash: "hash-2",
    });
    expect(await bank.findApprovedAnswer({ workspaceId: "ws-stale", question: rephrased })).toBeNull();
  });

  it("serves an answer only to askers who may see every document it cites", async () => {
    const questionId = await approvedVacationAnswer("ws-access", { users: ["bob@example.com"] });
    const bank = bankOf(ollama.host);
    await bank.approved("ws-access", questionId);
    const ask = (viewer?: { email?: string }) =>
      bank.findApprovedAnswer({ workspaceId: "ws-access", question, ...(viewer ? { viewer } : {}) });
    expect(await ask({ email: "alice@example.com" })).toBeNull();
    expect(await ask({})).toBeNull();
    expect((await ask({ email: "Bob@example.com" }))?.questionId).toBe(questionId);
    // The operator (no viewer) sees everything.
    expect((await ask())?.questionId).toBe(questionId);
  });

  it("indexes lexically while the embedder is down, and fills the vector in at catch-up", async () => {
    const questionId = await approvedVacationAnswer("ws-down");
    const down: AnswerBank = bankOf(downHost);
    await down.approved("ws-down", questionId);
    const rows = () => database.db.select().from(answerBank).where(eq(answerBank.questionId, questionId));
    expect((await rows())[0]?.embedding).toBeNull();
    // Matched by its words meanwhile.
    expect(await down.findApprovedAnswer({ workspaceId: "ws-down", question: rephrased })).toMatchObject({
      questionId,
      path: "lexical",
    });
    const up = bankOf(ollama.host);
    expect(await up.catchUp("ws-down")).toBe(1);
    const [row] = await rows();
    expect(row?.embedModel).toBe("embeddinggemma");
    expect(row?.embedding?.byteLength).toBe(256 * 4);
    expect(await up.catchUp("ws-down")).toBe(0);
    // Now matched by its vector too: a bank that refuses every lexical match still finds it.
    const denseOnly = createAnswerBank({
      db: database.db,
      embedder: createOllamaEmbedder({ host: ollama.host, dimensions: 256 }),
      logger: silentLogger(),
      thresholds: { lexical: 2, dense: 0.88 },
    });
    expect(await denseOnly.findApprovedAnswer({ workspaceId: "ws-down", question })).toMatchObject({
      questionId,
      path: "dense",
    });
  });

  it("indexes at catch-up an approval nobody told it about", async () => {
    await approvedVacationAnswer("ws-missed");
    const bank = bankOf(null);
    expect(await bank.catchUp("ws-missed")).toBe(1);
    expect(await bank.findApprovedAnswer({ workspaceId: "ws-missed", question: rephrased })).not.toBeNull();
  });

  it("never serves an approved follow-up (its meaning came with its thread)", async () => {
    const source = await insertDocument(database.db, {
      id: "ws-thread-doc",
      workspaceId: "ws-thread",
      contentHash: "h",
    });
    const questionId = await approvedQuestion(database.db, {
      workspaceId: "ws-thread",
      question: "And for contractors?",
      answer: "Contractors get none [1].",
      sources: [source],
      history: [{ role: "user", text: question }],
    });
    const bank = bankOf(null);
    await bank.approved("ws-thread", questionId);
    expect(
      await bank.findApprovedAnswer({ workspaceId: "ws-thread", question: "And for contractors?" }),
    ).toBeNull();
  });
});
