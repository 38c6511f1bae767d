import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ApprovalEvents } from "#shared/approvals/approval-events.ts";
import { approvalStateOf } from "#shared/approvals/approval-states.ts";
import { deleteDocuments } from "#shared/db/document-repository.ts";
import { getApproval } from "#shared/db/feedback-repository.ts";
import { answers } from "#shared/db/schema.ts";
import type { PlatformUser } from "#shared/platform/platform.ts";
import { editDocument, seedAnsweredQuestion, seedDocument } from "#test/approvals/approval-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import type { Approvers } from "./approvers.ts";
import { createReviewService } from "./review-service.ts";

const ana: PlatformUser = { platform: "slack", userId: "U0ANA" };
const bob: PlatformUser = { platform: "discord", userId: "4242" };
const everyone: Approvers<string> = { isApprover: async () => true };

/** Records each event; fails on demand, like an answer bank whose embedder is down. */
function recordingEvents(options: { fail?: boolean } = {}) {
  const seen: string[] = [];
  const events: ApprovalEvents = {
    async approved(workspaceId, questionId) {
      seen.push(`${workspaceId}/${questionId}`);
      if (options.fail) throw new Error("bank down");
    },
  };
  return { events, seen };
}

describe.each(testDatabaseBackends)("approval pins through the review service on $kind", (backend) => {
  const db = useTestDatabase(backend);
  const newWorkspace = () => `ws-${randomUUID().slice(0, 8)}`;
  const request = (workspaceId: string, questionId: string, reviewer: PlatformUser = ana) => ({
    workspaceId,
    questionId,
    reviewer,
    context: "c",
  });
  /** In a new workspace, an answer citing Handbook (h1) and Policy (p1), and a service recording events. */
  const answeredFromTwo = async () => {
    const workspaceId = newWorkspace();
    const handbook = await seedDocument(db(), workspaceId, { title: "Handbook", contentHash: "h1" });
    const policy = await seedDocument(db(), workspaceId, { title: "Policy", contentHash: "p1" });
    const questionId = await seedAnsweredQuestion(db(), workspaceId, { cited: [handbook, policy] });
    const { events, seen } = recordingEvents();
    const service = createReviewService({ database: db(), approvers: everyone, events });
    return { workspaceId, handbook, policy, questionId, service, seen };
  };

  it("pins the served hashes of the cited documents; an edit or a deletion makes the approval stale", async () => {
    const { workspaceId, handbook, policy, questionId, service, seen } = await answeredFromTwo();

    expect(await service.approve(request(workspaceId, questionId))).toMatchObject({ kind: "done" });
    const approval = await getApproval(db(), questionId);
    expect(approval?.pins).toEqual(
      expect.arrayContaining([
        { documentId: handbook.id, title: "Handbook", contentHash: "h1" },
        { documentId: policy.id, title: "Policy", contentHash: "p1" },
      ]),
    );
    expect(approval?.pins).toHaveLength(2);
    expect(seen).toEqual([`${workspaceId}/${questionId}`]);
    expect(await approvalStateOf(db(), questionId)).toMatchObject({ state: "approved", changed: [] });

    await editDocument(db(), workspaceId, handbook, "h2");
    expect(await approvalStateOf(db(), questionId)).toMatchObject({
      state: "stale",
      changed: [{ documentId: handbook.id, title: "Handbook", change: "changed" }],
    });
    await deleteDocuments(db(), workspaceId, [policy.id]);
    const stale = await approvalStateOf(db(), questionId);
    expect(stale?.changed).toEqual(
      expect.arrayContaining([
        { documentId: handbook.id, title: "Handbook", change: "changed" },
        { documentId: policy.id, title: "Policy", change: "removed" },
      ]),
    );
  });

  it("re-approves a stale approval: new hashes, gone documents dropped, the re-approver named, no longer stale", async () => {
    const { workspaceId, handbook, policy, questionId, service, seen } = await answeredFromTwo();
    await service.approve(request(workspaceId, questionId, ana));
    const first = await getApproval(db(), questionId);

    // Not stale: a second approval changes nothing, whoever clicks.
    expect(await service.approve(request(workspaceId, questionId, bob))).toEqual({
      kind: "already-approved",
      by: ana,
    });
    expect(seen).toHaveLength(1);

    await editDocument(db(), workspaceId, handbook, "h2");
    await deleteDocuments(db(), workspaceId, [policy.id]);
    const again = await service.approve(request(workspaceId, questionId, bob));
    expect(again).toMatchObject({ kind: "done", changed: true, state: { approvedBy: bob } });
    const repinned = await getApproval(db(), questionId);
    expect(repinned?.pins).toEqual([{ documentId: handbook.id, title: "Handbook", contentHash: "h2" }]);
    expect(repinned?.approvedBy).toBe(bob.userId);
    expect(repinned?.pinnedAt.getTime()).toBeGreaterThanOrEqual(first?.pinnedAt.getTime() ?? Infinity);
    expect(await approvalStateOf(db(), questionId)).toMatchObject({ state: "approved", changed: [] });
    expect(seen).toHaveLength(2);
    // And now it stands again: a repeat is a no-op.
    expect(await service.approve(request(workspaceId, questionId, ana))).toMatchObject({
      kind: "already-approved",
    });
  });

  it("a correction of a stale approval re-pins and keeps the new text; of a standing one keeps the pins", async () => {
    const workspaceId = newWorkspace();
    const handbook = await seedDocument(db(), workspaceId, { title: "Handbook", contentHash: "h1" });
    const questionId = await seedAnsweredQuestion(db(), workspaceId, { cited: [handbook] });
    const service = createReviewService({ database: db(), approvers: everyone });
    await service.correct({ ...request(workspaceId, questionId, ana), text: "26 days [1]." });
    await editDocument(db(), workspaceId, handbook, "h2");
    // While stale, the approval keeps its old pins: nothing re-approves it behind the approver's back.
    expect((await getApproval(db(), questionId))?.pins[0]?.contentHash).toBe("h1");

    const corrected = await service.correct({
      ...request(workspaceId, questionId, bob),
      text: "27 days [1].",
    });
    expect(corrected).toMatchObject({ kind: "done", reply: { text: "27 days [1]." } });
    expect(await getApproval(db(), questionId)).toMatchObject({
      approvedBy: bob.userId,
      correctedText: "27 days [1].",
      pins: [{ documentId: handbook.id, contentHash: "h2" }],
    });
    // Standing now: a further correction keeps approver and pins.
    await service.correct({ ...request(workspaceId, questionId, ana), text: "28 days [1]." });
    expect(await getApproval(db(), questionId)).toMatchObject({
      approvedBy: bob.userId,
      correctedText: "28 days [1].",
      pins: [{ contentHash: "h2" }],
    });
  });

  it("pins an answer whose document changed after it was served to the served hash: stale at once", async () => {
    const workspaceId = newWorkspace();
    const handbook = await seedDocument(db(), workspaceId, { title: "Handbook", contentHash: "h1" });
    const questionId = await seedAnsweredQuestion(db(), workspaceId, { cited: [handbook] });
    await editDocument(db(), workspaceId, handbook, "h2");
    const service = createReviewService({ database: db(), approvers: everyone });
    await service.approve(request(workspaceId, questionId));
    expect(await approvalStateOf(db(), questionId)).toMatchObject({ state: "stale" });
  });

  it("does not pin a cited document that was gone before the answer was recorded: nothing to vouch for", async () => {
    const workspaceId = newWorkspace();
    const handbook = await seedDocument(db(), workspaceId, { title: "Handbook", contentHash: "h1" });
    const ghost = { id: `doc-${randomUUID()}`, title: "Ghost", contentHash: "g1" };
    const questionId = await seedAnsweredQuestion(db(), workspaceId, { cited: [handbook, ghost] });
    // As in answers recorded before the served record: no hashes to go by.
    await db().update(answers).set({ served: null }).where(eq(answers.questionId, questionId));
    const service = createReviewService({ database: db(), approvers: everyone });
    await service.approve(request(workspaceId, questionId));
    expect((await getApproval(db(), questionId))?.pins).toEqual([
      { documentId: handbook.id, title: "Handbook", contentHash: "h1" },
    ]);
    expect(await approvalStateOf(db(), questionId)).toMatchObject({ state: "approved" });
  });

  it("keeps the approval when a listener fails, and drops an approval on request", async () => {
    const workspaceId = newWorkspace();
    const questionId = await seedAnsweredQuestion(db(), workspaceId);
    const { events, seen } = recordingEvents({ fail: true });
    const service = createReviewService({
      database: db(),
      approvers: everyone,
      events,
      logger: silentLogger(),
    });
    expect(await service.approve(request(workspaceId, questionId))).toMatchObject({ kind: "done" });
    expect(seen).toHaveLength(1);
    expect(await getApproval(db(), questionId)).toBeDefined();

    const nobody = createReviewService({ database: db(), approvers: { isApprover: async () => false } });
    expect(await nobody.drop(request(workspaceId, questionId))).toEqual({ kind: "not-approver" });
    expect(await service.drop(request(newWorkspace(), questionId))).toEqual({ kind: "unavailable" });
    const dropped = await service.drop(request(workspaceId, questionId));
    expect(dropped).toMatchObject({ kind: "done", changed: true });
    expect(dropped.kind === "done" && dropped.state.approvedBy).toBeFalsy();
    expect(await getApproval(db(), questionId)).toBeUndefined();
    expect(await approvalStateOf(db(), questionId)).toMatchObject({ state: "pending" });
    expect(await service.drop(request(workspaceId, questionId))).toMatchObject({ changed: false });
  });
});
