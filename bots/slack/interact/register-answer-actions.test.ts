import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getApproval } from "#shared/db/feedback-repository.ts";
import { approvals, feedback } from "#shared/db/schema.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import {
  type InteractionHarness,
  people,
  postAnswerMessage,
  seedAnswer,
  startInteractionHarness,
  teamId,
} from "#test/slack/interaction-test-kit.ts";
import { buttonClick, correctionSubmission } from "#test/slack/slack-interaction-payloads.ts";
import type { SlackCall } from "#test/stand-ins/slack-server.ts";
import { answerActionIds } from "../format/answer-action-ids.ts";
import { clickReplies } from "./click-replies.ts";

const postgres = testDatabaseBackends.find((backend) => backend.kind === "postgres");
if (!postgres) throw new Error("no PostgreSQL test backend");

/** Every text a message or view shows, blocks included, for "does it say …" checks. */
function shownText(value: unknown): string {
  return JSON.stringify(value);
}

describe("answer buttons, driven through the real Bolt app over HTTP", () => {
  const db = useTestDatabase(postgres);
  let harness: InteractionHarness;

  beforeAll(async () => {
    harness = await startInteractionHarness({ db: db() });
  });
  afterAll(async () => {
    await harness?.close();
  });

  /** Sends one click, checks the ack was quick and the request accepted, waits for the follow-up work. */
  async function click(payload: Record<string, unknown>) {
    const sent = await harness.interact(payload);
    expect(sent.status).toBe(200);
    expect(sent.ms).toBeLessThan(3_000);
    await harness.whenIdle();
    return sent;
  }

  const updatesOf = (ts: string): SlackCall[] =>
    harness.slack.callsTo("chat.update").filter((call) => call.args.ts === ts);
  const ephemeralsTo = (userId: string): SlackCall[] =>
    harness.slack.callsTo("chat.postEphemeral").filter((call) => call.args.user === userId);
  const feedbackRows = (questionId: string) =>
    db().select().from(feedback).where(eq(feedback.questionId, questionId));
  const storedMessage = (message: { channel: string; ts: string }) =>
    harness.slack.messages(message.channel).find((stored) => stored.ts === message.ts);

  it("records 👍 once: a second click by the same person stores and updates nothing", async () => {
    const seeded = await seedAnswer(db());
    const message = await postAnswerMessage(harness.slack, seeded);
    const up = buttonClick({
      actionId: answerActionIds.feedbackUp,
      value: seeded.questionId,
      userId: people.member,
      teamId,
      message,
    });

    await click(up);
    await click(up);

    expect(await feedbackRows(seeded.questionId)).toMatchObject([{ userId: people.member, value: "up" }]);
    expect(updatesOf(message.ts)).toHaveLength(1);
    expect(shownText(storedMessage(message)?.blocks)).toContain("👍 1 · 👎 0");
    // The rebuilt message keeps the answer and its buttons.
    expect(shownText(storedMessage(message)?.blocks)).toContain("25 days");
    expect(shownText(storedMessage(message)?.blocks)).toContain(answerActionIds.approve);
  });

  it("lets 👎 replace an earlier 👍 by the same person", async () => {
    const seeded = await seedAnswer(db());
    const message = await postAnswerMessage(harness.slack, seeded);
    const vote = (actionId: string) =>
      buttonClick({ actionId, value: seeded.questionId, userId: people.member, teamId, message });

    await click(vote(answerActionIds.feedbackUp));
    await click(vote(answerActionIds.feedbackDown));

    expect(await feedbackRows(seeded.questionId)).toMatchObject([{ userId: people.member, value: "down" }]);
    expect(updatesOf(message.ts)).toHaveLength(2);
    expect(shownText(storedMessage(message)?.blocks)).toContain("👍 0 · 👎 1");
  });

  it("tells a non-approver privately that they can't approve, and records nothing", async () => {
    const seeded = await seedAnswer(db());
    const message = await postAnswerMessage(harness.slack, seeded);

    await click(
      buttonClick({
        actionId: answerActionIds.approve,
        value: seeded.questionId,
        userId: people.member,
        teamId,
        message,
      }),
    );

    expect(await getApproval(db(), seeded.questionId)).toBeUndefined();
    expect(updatesOf(message.ts)).toHaveLength(0);
    const [note] = ephemeralsTo(people.member).slice(-1);
    expect(note?.args).toMatchObject({
      channel: message.channel,
      thread_ts: message.threadTs,
      text: clickReplies.notApprover,
    });
  });

  it("lets an admin approve once; the message then says who approved it", async () => {
    const seeded = await seedAnswer(db());
    const message = await postAnswerMessage(harness.slack, seeded);
    const approve = buttonClick({
      actionId: answerActionIds.approve,
      value: seeded.questionId,
      userId: people.admin,
      teamId,
      message,
    });

    await click(approve);
    await click(approve);

    const rows = await db().select().from(approvals).where(eq(approvals.questionId, seeded.questionId));
    expect(rows).toMatchObject([{ approvedBy: people.admin, correctedText: null }]);
    expect(updatesOf(message.ts)).toHaveLength(1);
    const shown = shownText(storedMessage(message)?.blocks);
    expect(shown).toContain(`✅ Approved by <@${people.admin}>`);
    // Approved: the review buttons are gone, the feedback buttons stay.
    expect(shown).not.toContain(answerActionIds.approve);
    expect(shown).toContain(answerActionIds.feedbackUp);
    expect(ephemeralsTo(people.admin).at(-1)?.args.text).toBe(
      clickReplies.alreadyApproved({ platform: "slack", userId: people.admin }),
    );
  });

  it("lets someone named in the approvers list approve although Slack says they are no admin", async () => {
    const seeded = await seedAnswer(db());
    const message = await postAnswerMessage(harness.slack, seeded);

    await click(
      buttonClick({
        actionId: answerActionIds.approve,
        value: seeded.questionId,
        userId: people.listed,
        teamId,
        message,
      }),
    );

    expect(await getApproval(db(), seeded.questionId)).toMatchObject({ approvedBy: people.listed });
    expect(shownText(storedMessage(message)?.blocks)).toContain(`Approved by <@${people.listed}>`);
  });

  it("corrects and approves: the modal shows the answer, the submission stores and shows the new text", async () => {
    const seeded = await seedAnswer(db());
    const message = await postAnswerMessage(harness.slack, seeded);
    const opened = harness.slack.callsTo("views.open").length;
    const payload = buttonClick({
      actionId: answerActionIds.correct,
      value: seeded.questionId,
      userId: people.owner,
      teamId,
      message,
    });

    await click(payload);

    const [open] = harness.slack.callsTo("views.open").slice(opened);
    expect(open?.args.trigger_id).toBe(payload.trigger_id);
    const view = open?.args.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe("sabio_correct_modal");
    expect(shownText(view)).toContain(JSON.stringify(seeded.answer).slice(1, -1));
    expect(await getApproval(db(), seeded.questionId)).toBeUndefined();

    const submitted = await click(
      correctionSubmission({
        userId: people.owner,
        teamId,
        privateMetadata: view.private_metadata,
        text: "  You get 28 days a year since 2026 [1].  ",
      }),
    );

    expect(submitted.body).toBe("");
    expect(await getApproval(db(), seeded.questionId)).toMatchObject({
      approvedBy: people.owner,
      correctedText: "You get 28 days a year since 2026 [1].",
    });
    const shown = shownText(storedMessage(message));
    expect(shown).toContain("28 days a year since 2026");
    expect(shown).not.toContain("25 days");
    expect(shown).toContain(`Approved by <@${people.owner}>`);
  });

  it("keeps the modal open with an error when the correction is empty", async () => {
    const seeded = await seedAnswer(db());
    const message = await postAnswerMessage(harness.slack, seeded);
    const metadata = JSON.stringify({
      questionId: seeded.questionId,
      message: { channelId: message.channel, ts: message.ts, threadTs: message.threadTs },
    });

    const sent = await click(
      correctionSubmission({ userId: people.owner, teamId, privateMetadata: metadata, text: "   \n " }),
    );

    expect(JSON.parse(sent.body)).toEqual({
      response_action: "errors",
      errors: { sabio_correction: expect.stringContaining("Write the corrected answer") },
    });
    expect(await getApproval(db(), seeded.questionId)).toBeUndefined();
    expect(updatesOf(message.ts)).toHaveLength(0);
  });

  it("answers a forged or foreign question id harmlessly: a private note, nothing stored", async () => {
    const seeded = await seedAnswer(db());
    const message = await postAnswerMessage(harness.slack, seeded);
    const foreign = await seedAnswer(db(), { workspace: "someone-else" });
    const forgedIds = [randomUUID(), foreign.questionId, "'; drop table answers; --", ""];

    for (const value of forgedIds) {
      for (const actionId of [answerActionIds.feedbackUp, answerActionIds.approve, answerActionIds.correct]) {
        const before = ephemeralsTo(people.admin).length;
        await click(buttonClick({ actionId, value, userId: people.admin, teamId, message }));
        expect(
          ephemeralsTo(people.admin)
            .slice(before)
            .map((call) => call.args.text),
        ).toEqual([clickReplies.unavailable]);
      }
    }

    expect(await feedbackRows(foreign.questionId)).toEqual([]);
    expect(await getApproval(db(), foreign.questionId)).toBeUndefined();
    expect(updatesOf(message.ts)).toHaveLength(0);
    expect(await getApproval(db(), seeded.questionId)).toBeUndefined();
  });

  it("approves from the App Home by publishing the Home again, without the approved answer", async () => {
    const seeded = await seedAnswer(db(), { question: "Who signs expense reports?" });
    const published = harness.slack.callsTo("views.publish").length;

    await click(
      buttonClick({
        actionId: answerActionIds.approve,
        value: seeded.questionId,
        userId: people.admin,
        teamId,
      }),
    );

    expect(await getApproval(db(), seeded.questionId)).toMatchObject({ approvedBy: people.admin });
    const [republished] = harness.slack.callsTo("views.publish").slice(published);
    expect(republished?.args.user_id).toBe(people.admin);
    expect(shownText(republished?.args.view)).toContain("Waiting for approval");
    expect(shownText(republished?.args.view)).not.toContain(seeded.questionId);
  });
});

describe("acknowledging before slow work", () => {
  const db = useTestDatabase(postgres);
  let harness: InteractionHarness;

  beforeAll(async () => {
    // users.info takes longer than Slack's 3 s: the permission check must come after the ack.
    harness = await startInteractionHarness({ db: db(), slowUsersInfoMs: 3_500 });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("acks an Approve click at once even when Slack's users.info is slow, then approves", async () => {
    const seeded = await seedAnswer(db());
    const message = await postAnswerMessage(harness.slack, seeded);

    const sent = await harness.interact(
      buttonClick({
        actionId: answerActionIds.approve,
        value: seeded.questionId,
        userId: people.slowAdmin,
        teamId,
        message,
      }),
    );

    expect(sent.status).toBe(200);
    expect(sent.ms).toBeLessThan(1_000);
    await harness.whenIdle();
    expect(await getApproval(db(), seeded.questionId)).toMatchObject({ approvedBy: people.slowAdmin });
  });
});
