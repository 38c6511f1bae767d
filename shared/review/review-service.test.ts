import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getApproval } from "#shared/db/feedback-repository.ts";
import { recordAnswer, recordQuestion } from "#shared/db/question-repository.ts";
import type { PlatformUser } from "#shared/platform/platform.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import type { Approvers } from "./approvers.ts";
import { createReviewService } from "./review-service.ts";

const ana: PlatformUser = { platform: "slack", userId: "U0ANA" };
const bob: PlatformUser = { platform: "slack", userId: "U0BOB" };
const max: PlatformUser = { platform: "slack", userId: "U0MAX" };
/** Looks like ana's id, but is someone on another platform. */
const anaOnDiscord: PlatformUser = { platform: "discord", userId: "U0ANA" };

/** Approvers decided by a list; records the context each check was given. */
function listedApprovers(approvers: PlatformUser[]) {
  const contexts: string[] = [];
  const check: Approvers<string> = {
    async isApprover(user, context) {
      contexts.push(context);
      return approvers.some((a) => a.platform === user.platform && a.userId === user.userId);
    },
  };
  return { check, contexts };
}

describe.each(testDatabaseBackends)("review service on $kind", (backend) => {
  const db = useTestDatabase(backend);
  const approvers = listedApprovers([ana, bob]);
  const service = () => createReviewService({ database: db(), approvers: approvers.check });

  async function answered(workspaceId: string) {
    const { id } = await recordQuestion(db(), {
      workspaceId,
      platform: "slack",
      eventId: `Ev${randomUUID()}`,
      text: "How many vacation days?",
    });
    await recordAnswer(db(), { questionId: id, mode: "generated", model: "m", text: "25 days [1]." });
    return id;
  }
  const newWorkspace = () => `ws-${randomUUID().slice(0, 8)}`;

  it("counts one vote per (platform, user): a repeat changes nothing, the other value replaces it", async () => {
    const workspaceId = newWorkspace();
    const questionId = await answered(workspaceId);
    const vote = (reviewer: PlatformUser, value: "up" | "down") =>
      service().vote({ questionId, workspaceId, reviewer, value });

    expect(await vote(max, "up")).toMatchObject({
      kind: "done",
      changed: true,
      state: { feedback: { up: 1, down: 0 } },
    });
    expect(await vote(max, "up")).toMatchObject({ kind: "done", changed: false });
    // Same id, other platform: another person.
    expect(await vote({ platform: "discord", userId: "U0MAX" }, "up")).toMatchObject({
      changed: true,
      state: { feedback: { up: 2, down: 0 } },
    });
    const switched = await vote(max, "down");
    expect(switched).toMatchObject({ changed: true, state: { feedback: { up: 1, down: 1 } } });
    expect(switched.kind === "done" && switched.reply.review).toEqual({ feedback: { up: 1, down: 1 } });
  });

  it("lets only approvers approve, keeps the first approver, and says who it was", async () => {
    const workspaceId = newWorkspace();
    const questionId = await answered(workspaceId);
    const approve = (reviewer: PlatformUser) =>
      service().approve({ questionId, workspaceId, reviewer, context: "click-context" });

    expect(await approve(max)).toEqual({ kind: "not-approver" });
    // An approver's id on another platform is not that approver.
    expect(await approve(anaOnDiscord)).toEqual({ kind: "not-approver" });
    expect(await getApproval(db(), questionId)).toBeUndefined();

    const first = await approve(ana);
    expect(first).toMatchObject({
      kind: "done",
      changed: true,
      state: { approvedBy: ana, corrected: false },
    });
    expect(first.kind === "done" && first.reply).toMatchObject({
      text: "25 days [1].",
      review: { approvedBy: ana },
    });
    expect(await approve(bob)).toEqual({ kind: "already-approved", by: ana });
    expect(await approve(ana)).toEqual({ kind: "already-approved", by: ana });
    expect(approvers.contexts).toContain("click-context");
  });

  it("corrects: approvers only, text trimmed and shown, first approver kept; empty text refused", async () => {
    const workspaceId = newWorkspace();
    const questionId = await answered(workspaceId);
    const request = (reviewer: PlatformUser) => ({ questionId, workspaceId, reviewer, context: "c" });

    expect(await service().correct({ ...request(max), text: "28 days." })).toEqual({ kind: "not-approver" });
    expect(await service().correct({ ...request(ana), text: "  \n " })).toEqual({ kind: "empty-correction" });
    expect(await service().startCorrection(request(ana))).toEqual({
      kind: "correctable",
      questionId,
      question: "How many vacation days?",
      currentText: "25 days [1].",
    });

    await service().approve(request(bob));
    const corrected = await service().correct({ ...request(ana), text: "  28 days since 2026 [1]. " });
    expect(corrected).toMatchObject({
      kind: "done",
      changed: true,
      reply: { text: "28 days since 2026 [1].", review: { approvedBy: bob, corrected: true } },
    });
    expect(await service().startCorrection(request(ana))).toMatchObject({
      currentText: "28 days since 2026 [1].",
    });
    expect(await service().reviewState(questionId)).toEqual({
      approvedBy: bob,
      corrected: true,
      feedback: { up: 0, down: 0 },
    });
  });

  it("treats a question of another workspace, or a forged id, as unknown and stores nothing", async () => {
    const workspaceId = newWorkspace();
    const foreign = await answered(newWorkspace());
    for (const questionId of [foreign, randomUUID(), "'; drop table answers; --", "", "x".repeat(100)]) {
      const request = { questionId, workspaceId, reviewer: ana, context: "c" };
      expect(await service().vote({ ...request, value: "up" })).toEqual({ kind: "unavailable" });
      expect(await service().approve(request)).toEqual({ kind: "unavailable" });
      expect(await service().startCorrection(request)).toEqual({ kind: "unavailable" });
      expect(await service().correct({ ...request, text: "hacked" })).toEqual({ kind: "unavailable" });
    }
    expect(await service().reviewState(foreign)).toBeUndefined();
    expect(await getApproval(db(), foreign)).toBeUndefined();
  });
});
