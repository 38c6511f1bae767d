import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnswerBank } from "#shared/answers/bank/answer-bank.ts";
import { parseServedRecord } from "#shared/answers/served-record.ts";
import { pinsOf } from "#shared/approvals/approval-pins.ts";
import { recordApproval } from "#shared/db/feedback-repository.ts";
import { type Database, openDatabase } from "#shared/db/open-database.ts";
import { recordAnswer, recordQuestion } from "#shared/db/question-repository.ts";
import type { SourceDocument } from "#shared/knowledge/document.ts";
import { createOllamaEmbedder } from "#shared/knowledge/embed/ollama-embedder.ts";
import { indexDocuments } from "#shared/knowledge/index-documents.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import { answerDependencies, handbookPage, useOllamaStandIn } from "#test/answer/answer-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type Answer, answerQuestion } from "#workers/answer/answer-question.ts";
import { answerRow } from "#workers/answer/answer-row.ts";

const workspaceId = "acme";
const leave = (days: number): SourceDocument =>
  handbookPage(
    workspaceId,
    "leave.md",
    "Leave policy",
    `# Leave policy\n\nEvery employee gets ${days} vacation days per year. Vacation days are booked in the HR portal.`,
  );

describe("an approved answer served from the answer bank", () => {
  const ollama = useOllamaStandIn();
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let database: Database;
  let store: VectorStore;

  const index = (document: SourceDocument) =>
    indexDocuments(
      {
        database,
        store,
        embedder: createOllamaEmbedder({ host: ollama().host, dimensions: 256 }),
        logger: silentLogger(),
      },
      { workspaceId, source: "files", documents: [document], complete: true },
    );

  beforeAll(async () => {
    temp = await makeTempDir();
    database = await openDatabase({ dataDir: join(temp.path, "data") });
    store = createLanceDbStore({ directory: join(temp.path, "lancedb"), dimensions: 256 });
    await index(leave(25));
  });
  afterAll(async () => {
    await store?.close();
    await database?.close();
    await temp?.remove();
  });

  /** Records a question and its answer as the answer job does; returns the question id. */
  async function record(question: string, answer: Answer): Promise<string> {
    const { id } = await recordQuestion(database.db, {
      id: randomUUID(),
      workspaceId,
      platform: "slack",
      eventId: randomUUID(),
      text: question,
    });
    const row = await answerRow(database.db, { questionId: id, workspaceId, answer, messageIds: ["m1"] });
    await recordAnswer(database.db, row);
    return id;
  }

  it("answers a rephrasing with the approved text and no model call, until its source changes", async () => {
    const bank = createAnswerBank({
      db: database.db,
      embedder: createOllamaEmbedder({ host: ollama().host, dimensions: 256 }),
      logger: silentLogger(),
    });
    const dependencies = {
      ...answerDependencies({ store, host: ollama().host, generate: true }),
      answerBank: bank,
    };
    const ask = (question: string) => answerQuestion(dependencies, { workspaceId, question });

    // Nothing approved yet: a generated answer.
    const first = await ask("How many vacation days do I get per year?");
    expect(first.mode).toBe("generated");
    const questionId = await record("How many vacation days do I get per year?", first);
    const stored = await database.db.query.answers.findFirst({
      where: (answers, { eq }) => eq(answers.questionId, questionId),
    });
    await recordApproval(database.db, {
      questionId,
      approver: { platform: "slack", userId: "U0MO" },
      correctedText: "Everyone gets 25 vacation days a year [1].",
      pins: await pinsOf(database.db, {
        sources: stored?.sources ?? [],
        served: parseServedRecord(stored?.served),
      }),
    });
    await bank.approved(workspaceId, questionId);

    ollama().requests.length = 0;
    const approved = await ask("How many days of vacation do I get each year?");
    expect(approved).toMatchObject({
      mode: "approved",
      model: null,
      text: "Everyone gets 25 vacation days a year [1].",
      approvedBy: { platform: "slack", userId: "U0MO" },
      sources: first.sources,
    });
    expect(ollama().requestsTo("/api/chat")).toHaveLength(0);
    const served = (
      await answerRow(database.db, { questionId: "q", workspaceId, answer: approved, messageIds: [] })
    ).served as { mode: string; approved?: { questionId: string; approvedBy: string; similarity: number } };
    expect(served.mode).toBe("approved");
    expect(served.approved).toMatchObject({ questionId, approvedBy: "U0MO" });
    expect(served.approved?.similarity).toBeGreaterThan(0.8);

    // The handbook changes: the approval is stale, the next question gets a fresh answer.
    await index(leave(27));
    ollama().requests.length = 0;
    const fresh = await ask("How many days of vacation do I get each year?");
    expect(fresh.mode).toBe("generated");
    expect(fresh.text).toContain("27");
    expect(ollama().requestsTo("/api/chat").length).toBeGreaterThan(0);
    // The bank's look-up and the search share one embedding of the question.
    expect(ollama().requestsTo("/api/embed")).toHaveLength(1);
  });
});
