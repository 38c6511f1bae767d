import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deleteDocuments } from "#shared/db/document-repository.ts";
import { recordApproval } from "#shared/db/feedback-repository.ts";
import { getAnswer } from "#shared/db/question-repository.ts";
import { editDocument, seedAnsweredQuestion, seedDocument } from "#test/approvals/approval-test-kit.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { pinsOf } from "./approval-pins.ts";
import { approvalStateOf, listApprovals } from "./approval-states.ts";

const ana = { platform: "slack", userId: "U0ANA" };

describe.each(testDatabaseBackends)("approval states on $kind", (backend) => {
  const db = useTestDatabase(backend);

  /** A workspace with one answer in each state, an extractive one, and a stranger's approval. */
  async function workspace() {
    const workspaceId = `ws-${randomUUID().slice(0, 8)}`;
    const handbook = await seedDocument(db(), workspaceId, { title: "Handbook", contentHash: "h1" });
    const policy = await seedDocument(db(), workspaceId, { title: "Policy", contentHash: "p1" });
    const pending = await seedAnsweredQuestion(db(), workspaceId, {
      question: "Pending?",
      cited: [handbook],
    });
    const approved = await seedAnsweredQuestion(db(), workspaceId, {
      question: "Approved?",
      cited: [handbook],
    });
    const stale = await seedAnsweredQuestion(db(), workspaceId, { question: "Stale?", cited: [policy] });
    const gone = await seedAnsweredQuestion(db(), workspaceId, { question: "Gone?", cited: [policy] });
    const quoted = await seedAnsweredQuestion(db(), workspaceId, { question: "Quoted?", mode: "extractive" });
    for (const questionId of [approved, stale, gone]) {
      const answer = await getAnswer(db(), questionId);
      if (!answer) throw new Error("no answer");
      await recordApproval(db(), {
        questionId,
        approver: ana,
        pins: await pinsOf(db(), { ...answer, served: null }),
      });
    }
    await editDocument(db(), workspaceId, policy, "p2");
    // Another workspace's approval never shows.
    const other = await seedAnsweredQuestion(db(), `ws-${randomUUID().slice(0, 8)}`);
    await recordApproval(db(), { questionId: other, approver: ana });
    return { workspaceId, policy, pending, approved, stale, gone, quoted };
  }

  it("lists stale first, then pending, then approved, each with its approver and what changed", async () => {
    const w = await workspace();
    const all = await listApprovals(db(), w.workspaceId);
    expect(all.map((item) => item.state)).toEqual(["stale", "stale", "pending", "approved"]);
    expect(all.find((item) => item.questionId === w.pending)).toEqual({
      questionId: w.pending,
      question: "Pending?",
      state: "pending",
      approvedBy: null,
      changed: [],
    });
    expect(all.find((item) => item.questionId === w.approved)).toMatchObject({
      state: "approved",
      approvedBy: ana,
    });
    expect(all.find((item) => item.questionId === w.stale)).toMatchObject({
      state: "stale",
      approvedBy: ana,
      changed: [{ documentId: w.policy.id, title: "Policy", change: "changed" }],
    });
    expect(all.map((item) => item.questionId)).not.toContain(w.quoted);
  });

  it("filters by state and limits", async () => {
    const w = await workspace();
    await deleteDocuments(db(), w.workspaceId, [w.policy.id]);
    const stale = await listApprovals(db(), w.workspaceId, { state: "stale" });
    expect(stale.map((item) => item.questionId).sort()).toEqual([w.stale, w.gone].sort());
    expect(stale.every((item) => item.changed[0]?.change === "removed")).toBe(true);
    expect(
      (await listApprovals(db(), w.workspaceId, { state: "approved" })).map((i) => i.questionId),
    ).toEqual([w.approved]);
    expect((await listApprovals(db(), w.workspaceId, { state: "pending" })).map((i) => i.questionId)).toEqual(
      [w.pending],
    );
    expect(await listApprovals(db(), w.workspaceId, { limit: 1 })).toHaveLength(1);
    expect(await listApprovals(db(), w.workspaceId, { state: "stale", limit: 1 })).toHaveLength(1);
  });

  it("tells one question's state; none for an unanswered or extractive one", async () => {
    const w = await workspace();
    expect(await approvalStateOf(db(), w.stale)).toMatchObject({ state: "stale" });
    expect(await approvalStateOf(db(), w.approved)).toMatchObject({ state: "approved", approvedBy: ana });
    expect(await approvalStateOf(db(), w.pending)).toMatchObject({ state: "pending", approvedBy: null });
    expect(await approvalStateOf(db(), w.quoted)).toBeUndefined();
    expect(await approvalStateOf(db(), randomUUID())).toBeUndefined();
  });
});
