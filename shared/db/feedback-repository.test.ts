import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { feedbackTally, getApproval, recordApproval, recordFeedback } from "./feedback-repository.ts";
import { recordQuestion } from "./question-repository.ts";

const slack = (userId: string) => ({ platform: "slack", userId });

describe.each(testDatabaseBackends)("feedback and approvals on $kind", (backend) => {
  const db = useTestDatabase(backend);

  const newQuestion = async () =>
    (
      await recordQuestion(db(), {
        workspaceId: "acme",
        platform: "slack",
        eventId: `Ev${randomUUID()}`,
        text: "How do I deploy?",
      })
    ).id;

  it("records one vote per person; the same click twice changes nothing; the other button replaces it", async () => {
    const questionId = await newQuestion();
    expect(await recordFeedback(db(), { questionId, voter: slack("U1"), value: "up" })).toEqual({
      changed: true,
      tally: { up: 1, down: 0 },
    });
    expect((await recordFeedback(db(), { questionId, voter: slack("U1"), value: "up" })).changed).toBe(false);
    await recordFeedback(db(), { questionId, voter: slack("U2"), value: "up" });
    const switched = await recordFeedback(db(), { questionId, voter: slack("U1"), value: "down" });
    expect(switched).toEqual({ changed: true, tally: { up: 1, down: 1 } });
    expect(await feedbackTally(db(), questionId)).toEqual({ up: 1, down: 1 });
  });

  it("counts the same user id on two platforms as two people", async () => {
    const questionId = await newQuestion();
    await recordFeedback(db(), { questionId, voter: { platform: "slack", userId: "1234" }, value: "up" });
    const other = await recordFeedback(db(), {
      questionId,
      voter: { platform: "discord", userId: "1234" },
      value: "down",
    });
    expect(other).toEqual({ changed: true, tally: { up: 1, down: 1 } });
  });

  it("stores the approver's platform with their id", async () => {
    const questionId = await newQuestion();
    await recordApproval(db(), { questionId, approver: { platform: "discord", userId: "998877" } });
    expect(await getApproval(db(), questionId)).toMatchObject({
      approvedByPlatform: "discord",
      approvedBy: "998877",
    });
  });

  it("keeps the first approver, lets a correction replace the text, ignores a repeated approval", async () => {
    const questionId = await newQuestion();
    const first = await recordApproval(db(), { questionId, approver: slack("U-ana") });
    expect(first).toMatchObject({ changed: true, approval: { approvedBy: "U-ana", correctedText: null } });
    expect((await recordApproval(db(), { questionId, approver: slack("U-bob") })).changed).toBe(false);
    const corrected = await recordApproval(db(), {
      questionId,
      approver: slack("U-bob"),
      correctedText: "Use the release script.",
    });
    expect(corrected.approval).toMatchObject({
      approvedBy: "U-ana",
      correctedText: "Use the release script.",
    });
    expect(await getApproval(db(), questionId)).toMatchObject({ correctedText: "Use the release script." });
  });
});
