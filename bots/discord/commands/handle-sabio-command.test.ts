import { MessageFlags } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { billingFromEnv } from "#shared/billing/billing-from-env.ts";
import { getApproval, recordApproval } from "#shared/db/feedback-repository.ts";
import { editDocument, seedAnsweredQuestion, seedDocument } from "#test/approvals/approval-test-kit.ts";
import {
  type InteractionHarness,
  startInteractionHarness,
  workspaceId,
} from "#test/discord/interaction-test-kit.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { standardIds } from "#test/stand-ins/discord/discord-server.ts";
import { startStripeStandIn, stripeEnv } from "#test/stand-ins/stripe/stripe-stand-in.ts";
import { answerCustomId } from "../answer-custom-ids.ts";
import { clickReplies } from "../interact/click-replies.ts";
import { connectDriveText } from "./connect-drive-text.ts";
import { connectNotionText } from "./connect-notion-text.ts";
import { sabioCommandTexts } from "./sabio-command-texts.ts";
import { sabioHelpText } from "./sabio-help-text.ts";

interface CallbackBody {
  type: number;
  data?: { flags?: number; content?: string };
}

// One backend is enough here: the review rules are tested on both in the interactions test.
const [backend] = testDatabaseBackends;

describe("/sabio on the stand-in", () => {
  if (!backend) throw new Error("no test database backend");
  const db = useTestDatabase(backend);
  let harness: InteractionHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });
  const start = async (options: Omit<Parameters<typeof startInteractionHarness>[0], "db"> = {}) => {
    harness = await startInteractionHarness({ db: db(), ...options });
    return harness;
  };
  const sabio = (
    h: InteractionHarness,
    spec: { subcommand: string; subcommandGroup?: string; userId?: string; channelId?: string },
  ) =>
    h.discord.slashCommand({
      channelId: spec.channelId ?? standardIds.general,
      userId: spec.userId ?? standardIds.member,
      command: "sabio",
      subcommand: spec.subcommand,
      ...(spec.subcommandGroup ? { subcommandGroup: spec.subcommandGroup } : {}),
    });
  const firstCallback = (h: InteractionHarness, id: string) =>
    h.discord.callsTo("interactionCallback").find((call) => call.params.interaction_id === id)?.body as
      | CallbackBody
      | undefined;
  const edits = (h: InteractionHarness) =>
    h.discord
      .callsTo("editWebhookMessage")
      .map((call) => call.body as { content?: string; components?: unknown[] });
  /** The private message in #general, one of those /sabio pending lists, that contains `text`. */
  const listedItem = (h: InteractionHarness, text: string) => {
    const item = h.discord
      .messages(standardIds.general)
      .find((message) => message.content.includes(text) && (message.flags ?? 0) & MessageFlags.Ephemeral);
    if (!item) throw new Error(`no listed item with "${text}" was posted`);
    return item;
  };
  /** "Stale one?", answered from Handbook and approved by the moderator; Handbook changed since. */
  const seedStaleApproval = async () => {
    const handbook = await seedDocument(db(), workspaceId, { title: "Handbook", contentHash: "h1" });
    const questionId = await seedAnsweredQuestion(db(), workspaceId, {
      question: "Stale one?",
      cited: [handbook],
    });
    await recordApproval(db(), {
      questionId,
      approver: { platform: "discord", userId: standardIds.moderator },
      pins: [{ documentId: handbook.id, title: "Handbook", contentHash: "h1" }],
    });
    await editDocument(db(), workspaceId, handbook, "h2");
    return questionId;
  };

  it("answers help privately at once, in a server and in a DM", async () => {
    const h = await start();
    const inGuild = sabio(h, { subcommand: "help" });
    await h.deliver(inGuild);
    const inDm = sabio(h, { subcommand: "help", channelId: h.discord.dmChannel(standardIds.member).id });
    await h.deliver(inDm);
    for (const id of [inGuild.id, inDm.id]) {
      expect(firstCallback(h, id)).toMatchObject({
        type: 4,
        data: { content: sabioHelpText, flags: MessageFlags.Ephemeral },
      });
    }
  });

  it("shows status privately after a deferred reply", async () => {
    const h = await start({ deps: { queueDepth: async () => 3 } });
    await h.answered();
    const status = sabio(h, { subcommand: "status" });
    await h.deliver(status);
    expect(firstCallback(h, status.id)).toMatchObject({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    const [edit] = edits(h);
    expect(edit?.content).toContain(`**Sabio status** for workspace \`${workspaceId}\``);
    expect(edit?.content).toMatch(/\*\*Questions\*\*: \d+ asked in the last 7 days; 3 questions waiting/);
  });

  it("says the queue could not be reached when its depth does not come", async () => {
    const h = await start({ deps: { queueDepth: () => new Promise(() => {}), queueTimeoutMs: 10 } });
    await h.deliver(sabio(h, { subcommand: "status" }));
    expect(edits(h)[0]?.content).toContain("the question queue could not be reached");
  });

  it("keeps pending to approvers, lists each waiting answer with its buttons, and a click there updates it", async () => {
    const h = await start();
    const refused = sabio(h, { subcommand: "pending" });
    await h.deliver(refused);
    expect(firstCallback(h, refused.id)).toMatchObject({
      type: 4,
      data: { content: sabioCommandTexts.notApprover, flags: MessageFlags.Ephemeral },
    });

    const older = await h.answered({ text: "Older answer." });
    const newer = await h.answered({ text: "Newer answer." });
    const pending = sabio(h, { subcommand: "pending", userId: standardIds.moderator });
    await h.deliver(pending);
    expect(firstCallback(h, pending.id)).toMatchObject({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    const [first] = edits(h);
    expect(first?.content).toContain("**Answers waiting for review**");
    expect(first?.content).toContain("> Newer answer.");
    expect(JSON.stringify(first?.components)).toContain(answerCustomId("approve", newer.questionId));
    const followUps = h.discord
      .callsTo("createFollowup")
      .map((call) => call.body as { content?: string; flags?: number });
    expect(followUps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          flags: MessageFlags.Ephemeral,
          content: expect.stringContaining("> Older answer."),
        }),
      ]),
    );

    const item = listedItem(h, "> Newer answer.");
    await h.deliver(
      h.discord.buttonClick({
        channelId: standardIds.general,
        userId: standardIds.moderator,
        messageId: item.id,
        customId: answerCustomId("approve", newer.questionId),
      }),
    );
    expect(await getApproval(db(), newer.questionId)).toMatchObject({ approvedBy: standardIds.moderator });
    const updated = h.discord.messages(standardIds.general).find((message) => message.id === item.id);
    expect(updated?.content).toContain("**Question:** How many vacation days do we get?");
    expect(updated?.content).toContain(`✅ Approved by <@${standardIds.moderator}>`);
    expect(await getApproval(db(), older.questionId)).toBeUndefined();
  });

  it("gives an admin a private Notion link bound to them, and tells others why not", async () => {
    const requests: { workspaceId: string; connectedBy: string }[] = [];
    const h = await start({
      deps: {
        now: () => new Date("2026-12-01T10:00:00Z"),
        notionConnectLink: (request) => {
          requests.push(request);
          return {
            url: "https://notion.example/authorize?state=s",
            expiresAt: new Date("2026-12-01T10:15:00Z"),
          };
        },
      },
    });
    const refused = sabio(h, { subcommandGroup: "connect", subcommand: "notion" });
    await h.deliver(refused);
    expect(firstCallback(h, refused.id)).toMatchObject({
      type: 4,
      data: { content: connectNotionText.notAdmin, flags: MessageFlags.Ephemeral },
    });
    expect(requests).toEqual([]);

    const allowed = sabio(h, {
      subcommandGroup: "connect",
      subcommand: "notion",
      userId: standardIds.moderator,
    });
    await h.deliver(allowed);
    expect(firstCallback(h, allowed.id)).toMatchObject({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    expect(requests).toEqual([{ workspaceId, connectedBy: `discord:${standardIds.moderator}` }]);
    expect(edits(h)[0]?.content).toContain(
      "[open Notion's consent page](<https://notion.example/authorize?state=s>)",
    );
    expect(edits(h)[0]?.content).toContain("expires in 15 minutes");
  });

  it("/sabio billing: an admin privately gets a Checkout link; others a polite no", async () => {
    const stripe = await startStripeStandIn();
    try {
      const billing = billingFromEnv(
        {
          ...stripeEnv(stripe),
          BILLING_TRIAL_DAYS: 0,
        },
        db(),
      );
      const h = await start({ deps: { billing } });
      const refused = sabio(h, { subcommand: "billing" });
      await h.deliver(refused);
      expect(firstCallback(h, refused.id)).toMatchObject({
        type: 4,
        data: { content: sabioCommandTexts.notApprover, flags: MessageFlags.Ephemeral },
      });
      const allowed = sabio(h, { subcommand: "billing", userId: standardIds.moderator });
      await h.deliver(allowed);
      expect(firstCallback(h, allowed.id)).toMatchObject({
        type: 5,
        data: { flags: MessageFlags.Ephemeral },
      });
      const content = edits(h)[0]?.content ?? "";
      expect(content).toContain("**Billing**: the free trial has ended");
      expect(content).toMatch(
        /\[Subscribe with Stripe Checkout\]\(<http:\/\/127\.0\.0\.1:\d+\/c\/pay\/cs_test_\w+>\)/,
      );
      expect(stripe.requestsTo("/v1/checkout/sessions")).toHaveLength(1);
      expect(stripe.requestsTo("/v1/checkout/sessions")[0]?.body).toMatchObject({
        client_reference_id: workspaceId,
      });
    } finally {
      await stripe.close();
    }
  });

  it("says how to set Notion up when this server has no public integration", async () => {
    const h = await start({ approvers: { userIds: [standardIds.member] } });
    // pat has no Manage Server, but is on the approver list (DISCORD_APPROVERS).
    await h.deliver(sabio(h, { subcommandGroup: "connect", subcommand: "notion" }));
    expect(edits(h)[0]?.content).toBe(connectNotionText.notConfigured);
  });

  it("gives an admin a private Google Drive link bound to them, and tells others why not", async () => {
    const requests: { workspaceId: string; connectedBy: string }[] = [];
    const h = await start({
      deps: {
        now: () => new Date("2026-12-01T10:00:00Z"),
        notionConnectLink: () => {
          throw new Error("connect drive must not make a Notion link");
        },
        driveConnectLink: (request) => {
          requests.push(request);
          return {
            url: "https://accounts.google.com/o/oauth2/v2/auth?state=s",
            expiresAt: new Date("2026-12-01T10:10:00Z"),
          };
        },
      },
    });
    const refused = sabio(h, { subcommandGroup: "connect", subcommand: "drive" });
    await h.deliver(refused);
    expect(firstCallback(h, refused.id)).toMatchObject({
      type: 4,
      data: { content: connectDriveText.notAdmin, flags: MessageFlags.Ephemeral },
    });
    expect(requests).toEqual([]);

    const allowed = sabio(h, {
      subcommandGroup: "connect",
      subcommand: "drive",
      userId: standardIds.moderator,
    });
    await h.deliver(allowed);
    expect(firstCallback(h, allowed.id)).toMatchObject({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    expect(requests).toEqual([{ workspaceId, connectedBy: `discord:${standardIds.moderator}` }]);
    expect(edits(h)[0]?.content).toContain(
      "[open Google's consent page](<https://accounts.google.com/o/oauth2/v2/auth?state=s>)",
    );
    expect(edits(h)[0]?.content).toContain("expires in 10 minutes");
  });

  it("says how to set Google Drive up when this server has no Google OAuth client", async () => {
    const h = await start({ approvers: { userIds: [standardIds.member] } });
    await h.deliver(sabio(h, { subcommandGroup: "connect", subcommand: "drive" }));
    expect(edits(h)[0]?.content).toBe(connectDriveText.notConfigured);
    expect(connectDriveText.notConfigured).toContain("GOOGLE_CLIENT_ID");
  });

  it("lists a stale approval first in pending, with what changed; its Approve re-approves it", async () => {
    const h = await start();
    const questionId = await seedStaleApproval();

    const pending = sabio(h, { subcommand: "pending", userId: standardIds.moderator });
    await h.deliver(pending);
    const [first] = edits(h);
    expect(first?.content).toContain("**Answers waiting for review**");
    expect(first?.content).toContain("⚠️ **Stale approval**: Handbook changed.");
    expect(first?.content).toContain("**Question:** Stale one?");
    expect(JSON.stringify(first?.components)).toContain(answerCustomId("approve", questionId));
  });

  it("has Drop on a stale approval: an approver's deletes it, anyone else's is refused", async () => {
    const h = await start();
    const questionId = await seedStaleApproval();
    const waiting = await h.answered({ text: "Waiting answer." });

    await h.deliver(sabio(h, { subcommand: "pending", userId: standardIds.moderator }));
    const [first] = edits(h);
    expect(first?.content).toContain("⚠️ **Stale approval**: Handbook changed.");
    const dropId = answerCustomId("drop", questionId);
    expect(JSON.stringify(first?.components)).toContain(dropId);
    // Only a stale approval can be dropped: a waiting answer has nothing to drop.
    const listedLater = JSON.stringify(h.discord.callsTo("createFollowup").map((call) => call.body));
    expect(listedLater).toContain(answerCustomId("approve", waiting.questionId));
    expect(listedLater).not.toContain(answerCustomId("drop", waiting.questionId));
    const item = listedItem(h, "Stale approval");
    const drop = (userId: string) =>
      h.discord.buttonClick({ channelId: standardIds.general, userId, messageId: item.id, customId: dropId });

    const refused = drop(standardIds.member);
    await h.deliver(refused);
    expect(firstCallback(h, refused.id)).toMatchObject({
      type: 4,
      data: { content: clickReplies.notApprover, flags: MessageFlags.Ephemeral },
    });
    expect(await getApproval(db(), questionId)).toMatchObject({ approvedBy: standardIds.moderator });

    const followUpsBefore = h.discord.callsTo("createFollowup").length;
    const dropped = drop(standardIds.moderator);
    await h.deliver(dropped);
    expect(firstCallback(h, dropped.id)).toMatchObject({ type: 6 });
    expect(await getApproval(db(), questionId)).toBeUndefined();
    const confirmations = h.discord
      .callsTo("createFollowup")
      .slice(followUpsBefore)
      .map((call) => call.body as { content?: string; flags?: number });
    expect(confirmations).toEqual([
      expect.objectContaining({ content: clickReplies.dropped, flags: MessageFlags.Ephemeral }),
    ]);
    // The item now shows an answer waiting for approval: no stale line, no Drop.
    const updated = h.discord.messages(standardIds.general).find((message) => message.id === item.id);
    expect(updated?.content).toContain("**Question:** Stale one?");
    expect(updated?.content).not.toContain("Stale approval");
    expect(JSON.stringify(updated?.components)).toContain(answerCustomId("approve", questionId));
    expect(JSON.stringify(updated?.components)).not.toContain(dropId);
    expect(await getApproval(db(), waiting.questionId)).toBeUndefined();

    // A second Drop (another approver's stale list) finds nothing left to drop.
    const again = drop(standardIds.moderator);
    await h.deliver(again);
    expect(h.discord.callsTo("createFollowup").at(-1)?.body).toMatchObject({
      content: clickReplies.nothingToDrop,
    });
  });
});
