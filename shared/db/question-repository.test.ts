import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { getAnswer, recordAnswer, recordQuestion } from "./question-repository.ts";
import type { AnswerMode, NewAnswerRow, NewQuestionRow } from "./schema.ts";

function questionRow(overrides: Partial<NewQuestionRow> = {}): NewQuestionRow {
  return {
    workspaceId: "acme",
    platform: "slack",
    eventId: `Ev${randomUUID()}`,
    channelId: "C123",
    threadId: "1712345678.000100",
    userId: "U42",
    text: "How many days of leave do I get?",
    ...overrides,
  };
}

function answerRow(questionId: string, overrides: Partial<NewAnswerRow> = {}): NewAnswerRow {
  return {
    questionId,
    mode: "generated",
    model: "gemma4:e4b",
    text: "25 days a year [1].",
    sources: [{ n: 1, title: "Handbook", url: "https://example.com/handbook", documentId: "doc-1" }],
    promptTokens: 812,
    completionTokens: 64,
    retrievalMs: 35,
    generationMs: 2_100,
    totalMs: 2_150,
    ...overrides,
  };
}

describe.each(testDatabaseBackends)("question repository on $kind", (backend) => {
  const db = useTestDatabase(backend);

  it("records a question once per (platform, event id)", async () => {
    const question = questionRow();
    const first = await recordQuestion(db(), question);
    const again = await recordQuestion(db(), { ...question, text: "redelivered" });
    const otherPlatform = await recordQuestion(db(), { ...question, platform: "discord" });

    expect(first.created).toBe(true);
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(again).toEqual({ id: first.id, created: false });
    expect(otherPlatform.created).toBe(true);
    expect(otherPlatform.id).not.toBe(first.id);
  });

  it("creates exactly one question when the same event arrives concurrently", async () => {
    const question = questionRow();
    const results = await Promise.all([1, 2, 3, 4].map(() => recordQuestion(db(), question)));

    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
  });

  it("stores an answer and replaces it when the question is answered again", async () => {
    const { id: questionId } = await recordQuestion(db(), questionRow());
    expect(await getAnswer(db(), questionId)).toBeUndefined();

    const first = await recordAnswer(db(), answerRow(questionId));
    expect(await getAnswer(db(), questionId)).toEqual(first);
    expect(first).toMatchObject({
      mode: "generated",
      sources: [{ n: 1, title: "Handbook", url: "https://example.com/handbook", documentId: "doc-1" }],
      totalMs: 2_150,
    });

    const second = await recordAnswer(
      db(),
      answerRow(questionId, { mode: "extractive", model: null, text: "From the handbook: …", sources: [] }),
    );
    expect(second).toMatchObject({ id: first.id, mode: "extractive", model: null, sources: [] });
    expect(second.createdAt).toEqual(first.createdAt);
    expect(await getAnswer(db(), questionId)).toEqual(second);
  });

  it("rejects an answer to an unknown question or with an unknown mode", async () => {
    await expect(recordAnswer(db(), answerRow(randomUUID()))).rejects.toThrow();
    const { id: questionId } = await recordQuestion(db(), questionRow());
    await expect(
      recordAnswer(db(), answerRow(questionId, { mode: "guessed" as AnswerMode })),
    ).rejects.toThrow();
    expect(await getAnswer(db(), questionId)).toBeUndefined();
  });
});
