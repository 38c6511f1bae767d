import { randomUUID } from "node:crypto";
import { MessageFlags } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { discordRedisKey } from "#bots/discord/discord-redis-key.ts";
import { feedbackTally, getApproval } from "#shared/db/feedback-repository.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import {
  type InteractionHarness,
  startInteractionHarness,
  workspaceId,
} from "#test/discord/interaction-test-kit.ts";
import { captureLogger } from "#test/helpers/queue-test-kit.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { standardIds } from "#test/stand-ins/discord/discord-server.ts";
import { standardGuild } from "#test/stand-ins/discord/standard-guild.ts";
import { answerCustomId } from "../answer-custom-ids.ts";
import { clickReplies } from "./click-replies.ts";

interface CallbackBody {
  type: number;
  data?: { flags?: number; content?: string; custom_id?: string; components?: unknown[] };
}

describe.each(testDatabaseBackends)("Discord interactions on the stand-in ($kind)", (backend) => {
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
  const callbacks = (h: InteractionHarness, interactionId: string) =>
    h.discord
      .callsTo("interactionCallback")
      .filter((call) => call.params.interaction_id === interactionId)
      .map((call) => ({ status: call.status, body: call.body as CallbackBody }));
  const click = (
    h: InteractionHarness,
    messageId: string,
    customId: string,
    userId: string = standardIds.member,
  ) => h.discord.buttonClick({ channelId: standardIds.general, userId, messageId, customId });
  const stored = (h: InteractionHarness, messageId: string) =>
    h.discord.messages(standardIds.general).find((message) => message.id === messageId);
  const followUps = (h: InteractionHarness) =>
    h.discord.callsTo("createFollowup").map((call) => call.body as { content?: string; flags?: number });

  describe("/ask", () => {
    const ask = (h: InteractionHarness, question: string, channelId: string = standardIds.general) =>
      h.discord.slashCommand({
        channelId,
        userId: standardIds.member,
        command: "ask",
        options: { question },
      });

    it("defers first, keeps the token in Redis (not in the job) and enqueues the question once", async () => {
      const order: string[] = [];
      const h = await start({
        producer: (real) => ({
          enqueue: (queue, payload, options) => {
            const deferred = h.discord
              .callsTo("interactionCallback")
              .filter((call) => call.status === 204 && (call.body as CallbackBody).type === 5);
            order.push(`enqueue after ${deferred.length} deferred reply`);
            return real.enqueue(queue, payload, options);
          },
          close: () => real.close(),
        }),
      });
      await h.addBot(); // a second process on the same token receives it too
      const command = ask(h, "  How many vacation days?  ");
      await h.deliver(command);

      const answeredCallbacks = callbacks(h, command.id);
      expect(answeredCallbacks.filter((call) => call.status === 204)).toEqual([
        { status: 204, body: { type: 5, data: { flags: 0 } } },
      ]);
      expect(order).toEqual(["enqueue after 1 deferred reply"]);
      // The other process was refused (40060: already acknowledged) and left it alone.
      expect(answeredCallbacks.map((call) => call.status).sort()).toEqual([204, 400]);
      const jobs = await h.jobs();
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({
        workspaceId,
        platform: "discord",
        eventId: command.id,
        interactionId: command.id,
        channelId: standardIds.general,
        teamId: standardIds.guild,
        userId: standardIds.member,
        text: "How many vacation days?",
      });
      expect(jobs[0]).not.toHaveProperty("messageId");
      expect(JSON.stringify(jobs[0])).not.toContain(command.token);
      expect(await h.redis.get(discordRedisKey(h.keyPrefix, "interaction", command.id))).toBe(command.token);
    });

    it("explains an empty or too long question privately and enqueues nothing", async () => {
      const h = await start();
      const empty = ask(h, "   ");
      await h.deliver(empty);
      const long = ask(h, "x".repeat(5_000));
      await h.deliver(long);
      expect(callbacks(h, empty.id)[0]?.body).toMatchObject({
        type: 4,
        data: { flags: MessageFlags.Ephemeral },
      });
      expect(callbacks(h, empty.id)[0]?.body.data?.content).toContain("/ask");
      expect(callbacks(h, long.id)[0]?.body.data?.content).toContain("5,000 characters");
      expect(await h.jobs()).toEqual([]);
    });

    it("edits the deferred reply with a short line when the question cannot be enqueued", async () => {
      let failures = 1;
      const h = await start({
        producer: (real) => ({
          enqueue: (queue, payload, options) => {
            if (failures-- > 0)
              return Promise.reject(new AppError(ErrorCode.Unavailable, "down", { retryable: true }));
            return real.enqueue(queue, payload, options);
          },
          close: () => real.close(),
        }),
      });
      const command = ask(h, "How many vacation days?");
      await h.deliver(command);
      expect(h.discord.callsTo("editWebhookMessage")[0]?.body).toMatchObject({
        content: "Sorry, I can't take questions right now. Please try again in a minute.",
        allowed_mentions: { parse: [] },
      });
      expect(await h.jobs()).toEqual([]);
      // The claim was given back: the same interaction could still get through.
      expect(await h.redis.exists(discordRedisKey(h.keyPrefix, "claim", command.id))).toBe(0);
    });

    it("answers /ask in a DM from the default workspace, without a guild", async () => {
      const h = await start();
      const dm = h.discord.dmChannel(standardIds.member);
      const command = ask(h, "What is our travel policy?", dm.id);
      await h.deliver(command);
      const [job] = await h.jobs();
      expect(job).toMatchObject({ workspaceId, channelId: dm.id, interactionId: command.id });
      expect(job).not.toHaveProperty("teamId");
    });

    it("logs a lost interaction (10062 past the 3 s) and keeps handling the next ones", async () => {
      let clock = Date.now();
      const { logger, lines } = captureLogger();
      const h = await start({ standIn: { now: () => clock }, logger });
      const late = ask(h, "Too late?");
      await h.deliver(late, () => {
        clock += 3_001;
      });
      expect(callbacks(h, late.id)).toMatchObject([{ status: 404 }]);
      expect(lines.some((line) => line.msg.includes("lost") && line.level === 40)).toBe(true);
      expect(await h.jobs()).toEqual([]);

      const next = ask(h, "In time?");
      await h.deliver(next);
      expect(callbacks(h, next.id)).toMatchObject([{ status: 204 }]);
      expect(await h.jobs()).toHaveLength(1);
    });
  });

  describe("answer buttons", () => {
    it("records a repeated 👍 once and shows the tally", async () => {
      const h = await start();
      const { questionId, messageId } = await h.answered();
      const first = click(h, messageId, answerCustomId("up", questionId));
      await h.deliver(first);
      const again = click(h, messageId, answerCustomId("up", questionId));
      await h.deliver(again);

      expect(await feedbackTally(db(), questionId)).toEqual({ up: 1, down: 0 });
      expect(callbacks(h, first.id)).toEqual([{ status: 204, body: { type: 6 } }]);
      expect(callbacks(h, again.id)).toEqual([{ status: 204, body: { type: 6 } }]);
      expect(h.discord.callsTo("editWebhookMessage")).toHaveLength(1);
      expect(stored(h, messageId)?.content).toContain("👍 1 · 👎 0");
      expect(stored(h, messageId)?.components).toHaveLength(1);
    });

    it("lets a Manage Server member approve: recorded, and the message says who", async () => {
      const h = await start();
      const { questionId, messageId } = await h.answered();
      const approve = click(h, messageId, answerCustomId("approve", questionId), standardIds.moderator);
      await h.deliver(approve);

      expect(await getApproval(db(), questionId)).toMatchObject({
        approvedBy: standardIds.moderator,
        approvedByPlatform: "discord",
      });
      expect(callbacks(h, approve.id)[0]?.body.type).toBe(6);
      expect(stored(h, messageId)?.content).toContain(`✅ Approved by <@${standardIds.moderator}>`);
      expect(h.discord.callsTo("editWebhookMessage")[0]?.body).toMatchObject({
        allowed_mentions: { parse: [] },
      });
    });

    it("tells a non-approver privately and records nothing", async () => {
      const h = await start();
      const { questionId, messageId } = await h.answered();
      const approve = click(h, messageId, answerCustomId("approve", questionId));
      await h.deliver(approve);
      const correct = click(h, messageId, answerCustomId("correct", questionId));
      await h.deliver(correct);

      for (const id of [approve.id, correct.id]) {
        expect(callbacks(h, id)).toMatchObject([
          {
            status: 204,
            body: {
              type: 4,
              data: {
                content: clickReplies.notApprover,
                flags: MessageFlags.Ephemeral,
                allowed_mentions: { parse: [] },
              },
            },
          },
        ]);
      }
      expect(await getApproval(db(), questionId)).toBeUndefined();
      expect(stored(h, messageId)?.content).toBe("25 days a year [1].");
    });

    it("treats the people in DISCORD_APPROVERS as approvers", async () => {
      const h = await start({ approvers: { userIds: [standardIds.member] } });
      const { questionId, messageId } = await h.answered();
      await h.deliver(click(h, messageId, answerCustomId("approve", questionId)));
      expect(await getApproval(db(), questionId)).toMatchObject({ approvedBy: standardIds.member });
    });

    it("treats members with a role in DISCORD_APPROVER_ROLE_IDS as approvers", async () => {
      const helperRole = "1100000000000000399";
      const h = await start({
        approvers: { roleIds: [helperRole] },
        standIn: {
          guilds: [
            {
              ...standardGuild,
              roles: [...(standardGuild.roles ?? []), { id: helperRole, name: "Helpers", permissions: 0n }],
              members: standardGuild.members.map((member) =>
                member.userId === standardIds.member ? { ...member, roleIds: [helperRole] } : member,
              ),
            },
          ],
        },
      });
      const { questionId, messageId } = await h.answered();
      const correct = click(h, messageId, answerCustomId("correct", questionId));
      await h.deliver(correct);
      expect(callbacks(h, correct.id)[0]?.body.type).toBe(9);
    });

    it("opens the correction form as the first response, then stores the corrected text", async () => {
      const h = await start();
      const { questionId, messageId } = await h.answered();
      const correct = click(h, messageId, answerCustomId("correct", questionId), standardIds.moderator);
      await h.deliver(correct);

      const [modal] = callbacks(h, correct.id);
      expect(modal?.status).toBe(204);
      expect(modal?.body).toMatchObject({
        type: 9,
        data: { custom_id: answerCustomId("correct-modal", questionId) },
      });
      expect(JSON.stringify(modal?.body.data?.components)).toContain("25 days a year [1].");

      const submit = h.discord.modalSubmit({
        channelId: standardIds.general,
        userId: standardIds.moderator,
        messageId,
        customId: answerCustomId("correct-modal", questionId),
        fields: { text: "  26 days a year [1].  " },
      });
      await h.deliver(submit);
      expect(await getApproval(db(), questionId)).toMatchObject({
        approvedBy: standardIds.moderator,
        correctedText: "26 days a year [1].",
      });
      expect(callbacks(h, submit.id)[0]?.body.type).toBe(6);
      expect(stored(h, messageId)?.content).toContain("26 days a year [1].");
      expect(stored(h, messageId)?.content).toContain("Corrected and approved");
    });

    it("opens the form empty rather than fail when the answer text is slow to load", async () => {
      const { logger, lines } = captureLogger();
      const h = await start({
        logger,
        deps: { correctionLoadBudgetMs: 10 },
        // The database read behind the form never answers in time.
        review: (real) => ({ ...real, startCorrection: () => new Promise<never>(() => {}) }),
      });
      const { questionId, messageId } = await h.answered();
      const correct = click(h, messageId, answerCustomId("correct", questionId), standardIds.moderator);
      await h.deliver(correct);
      const [modal] = callbacks(h, correct.id);
      expect(modal?.body.type).toBe(9);
      expect(JSON.stringify(modal?.body.data?.components)).not.toContain("25 days a year");
      expect(lines.some((line) => line.msg.includes("correction form opens empty"))).toBe(true);
    });

    it("logs a click that comes too late (10062) and records nothing", async () => {
      let clock = Date.now();
      const { logger, lines } = captureLogger();
      const h = await start({ standIn: { now: () => clock }, logger });
      const { questionId, messageId } = await h.answered();
      await h.deliver(click(h, messageId, answerCustomId("up", questionId)), () => {
        clock += 3_001;
      });
      expect(lines.some((line) => line.msg.includes("lost") && line.level === 40)).toBe(true);
      expect(await feedbackTally(db(), questionId)).toEqual({ up: 0, down: 0 });
    });

    it("records nothing for an empty correction and says so privately", async () => {
      const h = await start();
      const { questionId, messageId } = await h.answered();
      const submit = h.discord.modalSubmit({
        channelId: standardIds.general,
        userId: standardIds.moderator,
        messageId,
        customId: answerCustomId("correct-modal", questionId),
        fields: { text: "   " },
      });
      await h.deliver(submit);
      expect(callbacks(h, submit.id)[0]?.body).toMatchObject({
        type: 4,
        data: { content: clickReplies.emptyCorrection, flags: MessageFlags.Ephemeral },
      });
      expect(await getApproval(db(), questionId)).toBeUndefined();
      expect(stored(h, messageId)?.content).toBe("25 days a year [1].");
    });

    it("says an unknown, deleted or other workspace's answer is no longer available", async () => {
      const h = await start();
      const { messageId } = await h.answered();
      const elsewhere = await h.answered({ workspace: "other-team" });

      const unknownVote = click(h, messageId, answerCustomId("up", randomUUID()));
      await h.deliver(unknownVote);
      const foreignApprove = click(
        h,
        messageId,
        answerCustomId("approve", elsewhere.questionId),
        standardIds.moderator,
      );
      await h.deliver(foreignApprove);
      const foreignCorrect = click(
        h,
        messageId,
        answerCustomId("correct", elsewhere.questionId),
        standardIds.moderator,
      );
      await h.deliver(foreignCorrect);

      expect(followUps(h)).toEqual([
        expect.objectContaining({ content: clickReplies.unavailable, flags: MessageFlags.Ephemeral }),
        expect.objectContaining({ content: clickReplies.unavailable, flags: MessageFlags.Ephemeral }),
      ]);
      // Correct & approve answers with the explanation itself: no modal for an answer it cannot load.
      expect(callbacks(h, foreignCorrect.id)[0]?.body).toMatchObject({
        type: 4,
        data: { content: clickReplies.unavailable, flags: MessageFlags.Ephemeral },
      });
      expect(await getApproval(db(), elsewhere.questionId)).toBeUndefined();
      expect(await feedbackTally(db(), elsewhere.questionId)).toEqual({ up: 0, down: 0 });
    });

    it("ignores buttons that are not Sabio's", async () => {
      const h = await start();
      const { messageId } = await h.answered();
      const other = click(h, messageId, "another-app:thing");
      await h.deliver(other);
      expect(callbacks(h, other.id)).toEqual([]);
    });
  });
});
