import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { Queue } from "bullmq";
import type { Client, Interaction, TextChannel } from "discord.js";
import { Redis } from "ioredis";
import { createDiscordClient } from "#bots/discord/client/create-discord-client.ts";
import { loginDiscordClient } from "#bots/discord/client/login-discord-client.ts";
import { answerButtons } from "#bots/discord/interact/answer-buttons.ts";
import {
  createDiscordApprovers,
  type DiscordApproverContext,
  type DiscordApproverSettings,
} from "#bots/discord/interact/discord-approvers.ts";
import type { DiscordInteractionDeps } from "#bots/discord/interact/discord-interaction-deps.ts";
import {
  type DiscordInteractions,
  registerDiscordInteractions,
} from "#bots/discord/interact/register-discord-interactions.ts";
import { redisInteractionTokens } from "#bots/discord/interaction-tokens.ts";
import type { Db } from "#shared/db/database.ts";
import { recordAnswer, recordQuestion } from "#shared/db/question-repository.ts";
import type { Logger } from "#shared/log/logger.ts";
import { createProducer, type Producer } from "#shared/queue/enqueue.ts";
import type { JobPayload } from "#shared/queue/job-catalog.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { createReviewService, type ReviewService } from "#shared/review/review-service.ts";
import { deleteTestKeys } from "#test/helpers/delete-test-keys.ts";
import { randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import {
  type DiscordStandIn,
  type DiscordStandInOptions,
  standardIds,
  startDiscordStandIn,
} from "#test/stand-ins/discord/discord-server.ts";

/**
 * The real interaction side: a discord.js client logged in to the Discord stand-in with
 * `registerDiscordInteractions`, real Redis and BullMQ under a random prefix, the real review
 * service on the test's database.
 */

export const workspaceId = "acme";

export interface InteractionHarnessOptions {
  db: Db;
  standIn?: DiscordStandInOptions;
  logger?: Logger;
  approvers?: Partial<DiscordApproverSettings>;
  perGuild?: boolean;
  /** Wraps the real producer (failures, ordering checks). */
  producer?: (real: Producer) => Producer;
  /** Wraps the real review service (a slow database). */
  review?: (real: ReviewService<DiscordApproverContext>) => ReviewService<DiscordApproverContext>;
  deps?: Partial<DiscordInteractionDeps>;
}

export interface RunningInteractionBot {
  client: Client;
  interactions: DiscordInteractions;
}

export interface InteractionHarness {
  discord: DiscordStandIn;
  redis: Redis;
  keyPrefix: string;
  bots: RunningInteractionBot[];
  /** One more process logged in on the same token (it receives every interaction too). */
  addBot(): Promise<RunningInteractionBot>;
  /** Dispatches an INTERACTION_CREATE and waits until every bot has received and handled it. */
  deliver(payload: { id: string }, beforeHandled?: () => void): Promise<void>;
  jobs(): Promise<JobPayload<"questions">[]>;
  /** A question answered in `workspace`, with its answer message (buttons under it) in #general. */
  answered(options?: {
    workspace?: string;
    text?: string;
  }): Promise<{ questionId: string; messageId: string }>;
  close(): Promise<void>;
}

export async function startInteractionHarness(
  options: InteractionHarnessOptions,
): Promise<InteractionHarness> {
  const logger = options.logger ?? silentLogger();
  const keyPrefix = randomPrefix();
  const discord = await startDiscordStandIn(options.standIn);
  const redis = createRedisConnection(testRedisUrl, { role: "producer", logger, name: "sabio-discord-test" });
  if (redis.status !== "ready") await once(redis, "ready");
  const realProducer = createProducer(redis, { prefix: keyPrefix, logger });
  const producer = options.producer ? options.producer(realProducer) : realProducer;
  const approvers: DiscordApproverSettings = {
    roleIds: options.approvers?.roleIds ?? [],
    userIds: options.approvers?.userIds ?? [],
  };
  const realReview = createReviewService({
    database: options.db,
    approvers: createDiscordApprovers(approvers),
  });
  const reviewService = options.review ? options.review(realReview) : realReview;
  const deps: DiscordInteractionDeps = {
    producer,
    interactionTokens: redisInteractionTokens(redis, keyPrefix),
    redis,
    keyPrefix,
    review: reviewService,
    approvers,
    database: options.db,
    workspace: { defaultWorkspace: workspaceId, perGuild: options.perGuild ?? false },
    queueDepth: async () => 0,
    logger,
    ...options.deps,
  };
  const reader = new Redis(testRedisUrl);
  const queue = new Queue("questions", { connection: reader, prefix: keyPrefix });
  const bots: RunningInteractionBot[] = [];

  async function addBot(): Promise<RunningInteractionBot> {
    const client = createDiscordClient({ apiUrl: discord.apiUrl, messageContent: true });
    const interactions = registerDiscordInteractions(client, deps);
    await loginDiscordClient(client, discord.token);
    const bot = { client, interactions };
    bots.push(bot);
    return bot;
  }
  const received = (client: Client, id: string) =>
    new Promise<void>((resolve) => {
      const listener = (interaction: Interaction) => {
        if (interaction.id !== id) return;
        client.off("interactionCreate", listener);
        resolve();
      };
      client.on("interactionCreate", listener);
    });
  const idle = () => Promise.all(bots.map((bot) => bot.interactions.whenIdle()));

  await addBot();
  return {
    discord,
    redis,
    keyPrefix,
    bots,
    addBot,
    async deliver(payload, beforeHandled) {
      const all = Promise.all(bots.map((bot) => received(bot.client, payload.id)));
      discord.dispatch("INTERACTION_CREATE", payload as Record<string, unknown>);
      beforeHandled?.();
      await all;
      await idle();
    },
    async jobs() {
      await idle();
      const jobs = await queue.getJobs([
        "waiting",
        "active",
        "delayed",
        "prioritized",
        "completed",
        "failed",
      ]);
      return jobs.map((job) => job.data as JobPayload<"questions">);
    },
    async answered(answer = {}) {
      const { id: questionId } = await recordQuestion(options.db, {
        workspaceId: answer.workspace ?? workspaceId,
        platform: "discord",
        eventId: `${randomUUID()}`,
        text: "How many vacation days do we get?",
      });
      const text = answer.text ?? "25 days a year [1].";
      await recordAnswer(options.db, { questionId, mode: "generated", model: "m", text });
      const [bot] = bots;
      if (!bot) throw new Error("no bot logged in");
      const general = bot.client.channels.cache.get(standardIds.general) as TextChannel;
      const message = await general.send({ content: text, components: [answerButtons(questionId)] });
      return { questionId, messageId: message.id };
    },
    async close() {
      await idle();
      await Promise.all(bots.splice(0).map((bot) => bot.client.destroy()));
      await producer.close();
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
      await deleteTestKeys(reader, keyPrefix);
      await reader.quit();
      await closeRedisConnection(redis);
      await discord.close();
    },
  };
}
