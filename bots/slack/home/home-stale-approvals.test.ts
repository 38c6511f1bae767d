import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pinsOf } from "#shared/approvals/approval-pins.ts";
import { deleteDocuments } from "#shared/db/document-repository.ts";
import { getApproval, recordApproval } from "#shared/db/feedback-repository.ts";
import { getAnswer } from "#shared/db/question-repository.ts";
import {
  editDocument,
  type SeededDocument,
  seedAnsweredQuestion,
  seedDocument,
} from "#test/approvals/approval-test-kit.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import {
  type InteractionHarness,
  people,
  startInteractionHarness,
  teamId,
  workspaceId,
} from "#test/slack/interaction-test-kit.ts";
import { buttonClick } from "#test/slack/slack-interaction-payloads.ts";
import { answerActionIds } from "../format/answer-action-ids.ts";
import { clickReplies } from "../interact/click-replies.ts";
import { dropApprovalActionId } from "./drop-approval-action-id.ts";
import { droppedNotice } from "./register-drop-approval.ts";

const postgres = testDatabaseBackends.find((backend) => backend.kind === "postgres");
if (!postgres) throw new Error("no PostgreSQL test backend");

interface PublishedView {
  blocks: { type: string; elements?: { action_id?: string; value?: string }[] }[];
}

/** The question ids of the buttons with this action on a Home view, top to bottom. */
function buttons(view: PublishedView | undefined, actionId: string): string[] {
  return (view?.blocks ?? [])
    .filter((block) => block.type === "actions")
    .flatMap((block) => block.elements ?? [])
    .filter((element) => element.action_id === actionId)
    .map((element) => element.value ?? "");
}

describe("stale approvals on the App Home and in /sabio pending", () => {
  const db = useTestDatabase(postgres);
  let harness: InteractionHarness;
  let handbook: SeededDocument;
  let policy: SeededDocument;
  let reapprove: string;
  let drop: string;
  let waiting: string;

  async function approved(question: string, cited: SeededDocument[]): Promise<string> {
    const questionId = await seedAnsweredQuestion(db(), workspaceId, { question, cited });
    const answer = await getAnswer(db(), questionId);
    if (!answer) throw new Error("no answer");
    await recordApproval(db(), {
      questionId,
      approver: { platform: "slack", userId: people.owner },
      pins: await pinsOf(db(), { sources: answer.sources, served: null }),
    });
    return questionId;
  }

  beforeAll(async () => {
    harness = await startInteractionHarness({ db: db() });
    handbook = await seedDocument(db(), workspaceId, { title: "Handbook", contentHash: "h1" });
    policy = await seedDocument(db(), workspaceId, { title: "Travel policy", contentHash: "p1" });
    reapprove = await approved("How many vacation days?", [handbook]);
    drop = await approved("Who books flights?", [policy]);
    await approved("Still true?", []);
    waiting = await seedAnsweredQuestion(db(), workspaceId, { question: "Waiting one?", cited: [handbook] });
    await editDocument(db(), workspaceId, handbook, "h2");
    await deleteDocuments(db(), workspaceId, [policy.id]);
  });
  afterAll(async () => {
    await harness?.close();
  });

  async function openHome(userId: string): Promise<PublishedView | undefined> {
    const before = harness.slack.callsTo("views.publish").length;
    await harness.sendEvent({ type: "app_home_opened", user: userId, channel: "D0SABIO", tab: "home" });
    await harness.whenIdle();
    return harness.slack.callsTo("views.publish").slice(before)[0]?.args.view as PublishedView | undefined;
  }
  async function click(actionId: string, value: string, userId: string) {
    const before = harness.slack.callsTo("views.publish").length;
    const sent = await harness.interact(buttonClick({ actionId, value, userId, teamId }));
    expect(sent.status).toBe(200);
    await harness.whenIdle();
    return harness.slack.callsTo("views.publish").slice(before)[0]?.args.view as PublishedView | undefined;
  }

  it("shows an approver each stale approval with what changed, and a member none", async () => {
    const view = await openHome(people.admin);
    const shown = JSON.stringify(view);
    expect(shown).toContain("Approvals gone stale");
    expect(shown).toContain("*How many vacation days?*\\n:warning: *Handbook* changed");
    expect(shown).toContain("*Who books flights?*\\n:warning: *Travel policy* was removed");
    expect(shown).toContain(`Approved by <@${people.owner}>`);
    expect(shown).not.toContain("Still true?");
    expect(buttons(view, dropApprovalActionId).sort()).toEqual([reapprove, drop].sort());
    // Stale ones come first, then what waits for a first approval.
    expect(buttons(view, answerActionIds.approve)).toEqual([...buttons(view, dropApprovalActionId), waiting]);

    const member = JSON.stringify(await openHome(people.member));
    expect(member).not.toContain("Approvals gone stale");
    expect(member).not.toContain(dropApprovalActionId);
  });

  it("/sabio pending lists stale and waiting answers to approvers only, privately", async () => {
    const before = harness.responses.length;
    await harness.command("pending", people.member);
    await harness.command("pending", people.admin);
    await harness.whenIdle();
    const [refused, listed] = harness.responses.slice(before) as { response_type: string; text: string }[];
    expect(refused).toEqual({ response_type: "ephemeral", text: clickReplies.notApprover });
    expect(listed?.response_type).toBe("ephemeral");
    expect(listed?.text).toContain("*Approvals gone stale* (2)");
    expect(listed?.text).toContain("• *How many vacation days?*: Handbook changed (approved by <@U0OWNER>)");
    expect(listed?.text).toContain("• *Who books flights?*: Travel policy was removed");
    expect(listed?.text).toContain("*Waiting for approval* (1, newest first)");
    expect(listed?.text).toContain("• *Waiting one?*: 25 days [1].");
  });

  it("re-approves from the Home: pinned to the new hash, by the re-approver, gone from the stale list", async () => {
    const view = await click(answerActionIds.approve, reapprove, people.admin);
    expect(await getApproval(db(), reapprove)).toMatchObject({
      approvedBy: people.admin,
      pins: [{ documentId: handbook.id, contentHash: "h2" }],
    });
    expect(buttons(view, dropApprovalActionId)).toEqual([drop]);
  });

  it("drops a stale approval for an approver only; the answer then waits for approval again", async () => {
    const refused = await click(dropApprovalActionId, drop, people.member);
    expect(JSON.stringify(refused)).toContain(clickReplies.notApprover);
    expect(await getApproval(db(), drop)).toBeDefined();

    const view = await click(dropApprovalActionId, drop, people.admin);
    expect(await getApproval(db(), drop)).toBeUndefined();
    expect(JSON.stringify(view)).toContain(droppedNotice);
    expect(buttons(view, dropApprovalActionId)).toEqual([]);
    expect(buttons(view, answerActionIds.approve)).toContain(drop);
  });
});
