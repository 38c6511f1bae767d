import { describe, expect, it } from "vitest";
import { getAnswer } from "#shared/db/question-repository.ts";
import { answers, questions } from "#shared/db/schema.ts";
import { useAnswerJob } from "#test/answer/answer-job-test-kit.ts";
import { sampleQuestion } from "#test/helpers/queue-test-kit.ts";
import { waitFor } from "#test/helpers/wait-for.ts";
import { failureText } from "./answer-job.ts";

describe("answer worker on the questions queue", () => {
  const kit = useAnswerJob({ backend: "postgres" });
  const { producer, slack } = kit;

  it("answers a question delivered three times exactly once, streamed, cited and recorded", async () => {
    const question = sampleQuestion({
      text: "How do we deploy the billing service?",
      threadId: "1700000000.000100",
    });
    const results = await Promise.all([1, 2, 3].map(() => producer.enqueue("questions", question)));
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);

    const stored = await waitFor(async () => {
      const [row] = await kit.database.db.select().from(questions);
      return row ? await getAnswer(kit.database.db, row.id) : undefined;
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
    expect(await kit.database.db.select().from(answers)).toHaveLength(1);
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
    kit.worker.worker.on("completed", (job) => completed.add(job.id));
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
    // The job told its telemetry the question failed (metrics count it, its trace is closed).
    await waitFor(async () => kit.outcomes.find((outcome) => outcome.event === "answerFailed"));
    expect(kit.outcomes.filter((outcome) => outcome.event === "answerFailed")).toEqual([
      expect.objectContaining({ detail: "invalid_input" }),
    ]);
    const posted = kit.outcomes.filter((outcome) => outcome.event === "answerPosted");
    expect(posted.length).toBeGreaterThan(0);
    expect(posted.every((outcome) => outcome.detail === "generated")).toBe(true);
  });
});
