import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { recordApproval } from "./feedback-repository.ts";
import { pendingApprovals } from "./pending-approvals.ts";
import { recordAnswer, recordQuestion } from "./question-repository.ts";
import type { AnswerMode } from "./schema.ts";

describe.each(testDatabaseBackends)("pending approvals on $kind", (backend) => {
  const db = useTestDatabase(backend);

  async function answered(workspaceId: string, text: string, mode: AnswerMode, createdAt: Date) {
    const { id } = await recordQuestion(db(), {
      workspaceId,
      platform: "slack",
      eventId: `Ev${randomUUID()}`,
      text: `Q: ${text}`,
    });
    await recordAnswer(db(), { questionId: id, mode, model: null, text, createdAt });
    return id;
  }

  it("lists generated, unapproved answers of one workspace, newest first, up to the limit", async () => {
    const workspaceId = `ws-${randomUUID().slice(0, 8)}`;
    const older = await answered(workspaceId, "older", "generated", new Date("2026-03-01T00:00:00Z"));
    const newer = await answered(workspaceId, "newer", "generated", new Date("2026-03-03T00:00:00Z"));
    const newest = await answered(workspaceId, "newest", "generated", new Date("2026-03-04T00:00:00Z"));
    await answered(workspaceId, "quoted", "extractive", new Date("2026-03-05T00:00:00Z"));
    const approved = await answered(workspaceId, "approved", "generated", new Date("2026-03-06T00:00:00Z"));
    await recordApproval(db(), { questionId: approved, approver: { platform: "slack", userId: "U1" } });
    await answered("someone-else", "elsewhere", "generated", new Date("2026-03-07T00:00:00Z"));
    // A question still waiting for its answer has nothing to approve.
    await recordQuestion(db(), {
      workspaceId,
      platform: "slack",
      eventId: `Ev${randomUUID()}`,
      text: "wait",
    });

    const all = await pendingApprovals(db(), workspaceId, 10);
    expect(all).toEqual([
      {
        questionId: newest,
        question: "Q: newest",
        answer: "newest",
        createdAt: new Date("2026-03-04T00:00:00Z"),
      },
      {
        questionId: newer,
        question: "Q: newer",
        answer: "newer",
        createdAt: new Date("2026-03-03T00:00:00Z"),
      },
      {
        questionId: older,
        question: "Q: older",
        answer: "older",
        createdAt: new Date("2026-03-01T00:00:00Z"),
      },
    ]);
    expect((await pendingApprovals(db(), workspaceId, 2)).map((row) => row.questionId)).toEqual([
      newest,
      newer,
    ]);
  });
});
