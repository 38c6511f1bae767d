import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getApproval, recordApproval } from "#shared/db/feedback-repository.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import {
  type InteractionHarness,
  people,
  type SeededAnswer,
  seedAnswer,
  startInteractionHarness,
  teamId,
} from "#test/slack/interaction-test-kit.ts";
import { buttonClick, correctionSubmission } from "#test/slack/slack-interaction-payloads.ts";
import type { SlackCall } from "#test/stand-ins/slack-server.ts";
import { answerActionIds } from "../format/answer-action-ids.ts";

const postgres = testDatabaseBackends.find((backend) => backend.kind === "postgres");
if (!postgres) throw new Error("no PostgreSQL test backend");

interface PublishedView {
  type: string;
  blocks: { type: string; elements?: { action_id?: string; value?: string }[] }[];
}

function homeOpened(userId: string, tab = "home"): Record<string, unknown> {
  return { type: "app_home_opened", user: userId, channel: "D0SABIO", tab, event_ts: `${Date.now() / 1000}` };
}

/** The question ids of the Approve buttons on a Home view, top to bottom. */
function approveButtons(view: PublishedView): string[] {
  return view.blocks
    .filter((block) => block.type === "actions")
    .flatMap((block) => block.elements ?? [])
    .filter((element) => element.action_id === answerActionIds.approve)
    .map((element) => element.value ?? "");
}

describe("App Home, driven through the real Bolt app over HTTP", () => {
  const db = useTestDatabase(postgres);
  let harness: InteractionHarness;
  const pending: SeededAnswer[] = [];

  beforeAll(async () => {
    harness = await startInteractionHarness({ db: db() });
    // Twelve generated answers, one a minute apart: the Home shows the newest ten.
    for (let minute = 0; minute < 12; minute += 1) {
      pending.push(
        await seedAnswer(db(), {
          question: `Question number ${minute}?`,
          createdAt: new Date(Date.UTC(2026, 2, 1, 12, minute)),
        }),
      );
    }
    const approved = await seedAnswer(db(), { question: "Already approved?" });
    await recordApproval(db(), {
      questionId: approved.questionId,
      approver: { platform: "slack", userId: people.admin },
    });
    await seedAnswer(db(), { question: "Quoted only?", mode: "extractive" });
  });
  afterAll(async () => {
    await harness?.close();
  });

  async function openHome(userId: string, tab = "home"): Promise<SlackCall[]> {
    const before = harness.slack.callsTo("views.publish").length;
    const sent = await harness.sendEvent(homeOpened(userId, tab));
    expect(sent.status).toBe(200);
    expect(sent.ms).toBeLessThan(3_000);
    await harness.whenIdle();
    return harness.slack.callsTo("views.publish").slice(before);
  }

  it("shows an admin what Sabio knows, this week's questions and the newest answers waiting for approval", async () => {
    const [publish, ...more] = await openHome(people.admin);

    expect(more).toEqual([]);
    expect(publish?.args.user_id).toBe(people.admin);
    const view = publish?.args.view as PublishedView;
    expect(view.type).toBe("home");
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const shown = JSON.stringify(view);
    expect(shown).toContain("What I know");
    expect(shown).toContain("Nothing yet");
    expect(shown).toContain("14 questions asked in the last 7 days");
    expect(shown).toContain("Waiting for approval");
    const newestTen = pending
      .slice(-10)
      .reverse()
      .map((seeded) => seeded.questionId);
    expect(approveButtons(view)).toEqual(newestTen);
    expect(shown).toContain(answerActionIds.correct);
    expect(shown).not.toContain("Already approved?");
    expect(shown).not.toContain("Quoted only?");
  });

  it("shows a member the same Home without the approvals", async () => {
    const [publish] = await openHome(people.member);

    const view = publish?.args.view as PublishedView;
    const shown = JSON.stringify(view);
    expect(shown).toContain("What I know");
    expect(shown).not.toContain("Waiting for approval");
    expect(approveButtons(view)).toEqual([]);
  });

  it("publishes nothing when the Messages tab is opened", async () => {
    expect(await openHome(people.admin, "messages")).toEqual([]);
  });

  it("corrects and approves from the Home: the modal opens, the submission is stored and the Home refreshed", async () => {
    const seeded = pending.at(-1);
    if (!seeded) throw new Error("nothing seeded");
    const opened = harness.slack.callsTo("views.open").length;

    const sent = await harness.interact(
      buttonClick({
        actionId: answerActionIds.correct,
        value: seeded.questionId,
        userId: people.admin,
        teamId,
      }),
    );
    expect(sent.ms).toBeLessThan(3_000);
    await harness.whenIdle();
    const [open] = harness.slack.callsTo("views.open").slice(opened);
    const modal = open?.args.view as { private_metadata: string };
    expect(JSON.parse(modal.private_metadata)).toEqual({ questionId: seeded.questionId });

    const published = harness.slack.callsTo("views.publish").length;
    await harness.interact(
      correctionSubmission({
        userId: people.admin,
        teamId,
        privateMetadata: modal.private_metadata,
        text: "Corrected from the Home.",
      }),
    );
    await harness.whenIdle();

    expect(await getApproval(db(), seeded.questionId)).toMatchObject({
      approvedBy: people.admin,
      correctedText: "Corrected from the Home.",
    });
    const [republished] = harness.slack.callsTo("views.publish").slice(published);
    expect(republished?.args.user_id).toBe(people.admin);
    expect(approveButtons(republished?.args.view as PublishedView)).not.toContain(seeded.questionId);
  });

  it("tells a member who clicks a stale Approve on the Home why nothing happened", async () => {
    const seeded = pending[0];
    if (!seeded) throw new Error("nothing seeded");
    const published = harness.slack.callsTo("views.publish").length;

    await harness.interact(
      buttonClick({
        actionId: answerActionIds.approve,
        value: seeded.questionId,
        userId: people.member,
        teamId,
      }),
    );
    await harness.whenIdle();

    expect(await getApproval(db(), seeded.questionId)).toBeUndefined();
    const [republished] = harness.slack.callsTo("views.publish").slice(published);
    expect(republished?.args.user_id).toBe(people.member);
    expect(JSON.stringify(republished?.args.view)).toContain("Only workspace admins and owners");
    expect(approveButtons(republished?.args.view as PublishedView)).toEqual([]);
  });
});
