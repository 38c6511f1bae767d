import { once } from "node:events";
import { Queue } from "bullmq";
import type { Client, Message } from "discord.js";
import { Redis } from "ioredis";
import { createDiscordClient } from "#bots/discord/client/create-discord-client.ts";
import { loginDiscordClient } from "#bots/discord/client/login-discord-client.ts";
import {
  type DiscordQuestionHandlers,
  registerDiscordQuestionHandlers,
} from "#bots/discord/receive/register-discord-question-handlers.ts";
import type { Db } from "#shared/db/database.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { createProducer, type Producer } from "#shared/queue/enqueue.ts";
import type { JobPayload } from "#shared/queue/job-catalog.ts";
import { createOutboxProducer } from "#shared/queue/outbox-producer.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { deleteTestKeys } from "#test/helpers/delete-test-keys.ts";
import { randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import {
  type DiscordStandIn,
  type DiscordStandInOptions,
  startDiscordStandIn,
} from "#test/stand-ins/discord/discord-server.ts";

/**
 * The real receiving side: discord.js clients logged in to the Discord stand-in, the question
 * handlers on each, real Redis and a real BullMQ producer under a random prefix.
 */

export const workspaceId = "acme";

export interface DiscordReceiveHarnessOptions {
  /** DISCORD_MESSAGE_CONTENT (default true). */
  messageContent?: boolean;
  /** DISCORD_WORKSPACE_PER_GUILD (default false: everything answers from "acme"). */
  perGuild?: boolean;
  standIn?: DiscordStandInOptions;
  logger?: Logger;
  /** The first this-many enqueues fail as when Redis is down (no outbox). */
  failEnqueues?: number;
  /** The bots' Redis (default the test Redis): a `startTcpProxy` URL lets a test take it away. */
  redisUrl?: string;
  /** Given: questions Redis cannot take are kept in this database's outbox. */
  database?: Db;
}

export interface RunningBot {
  client: Client;
  handlers: DiscordQuestionHandlers;
}

export interface DiscordReceiveHarness {
  discord: DiscordStandIn;
  /** The bots' producer (for an outbox relay of the test's own). */
  producer: Producer;
  keyPrefix: string;
  redis: Redis;
  bots: RunningBot[];
  /** Logs in one more bot process on the same token (it receives every event too). */
  addBot(): Promise<RunningBot>;
  /** Stops every bot and logs one in again: a restarted process, which remembers nothing itself. */
  restart(): Promise<void>;
  /** Dispatches a MESSAGE_CREATE and waits until every bot has received and fully handled it. */
  deliver(message: Record<string, unknown>): Promise<void>;
  /** Waits for every bot's handlers, then lists the questions enqueued. */
  jobs(): Promise<JobPayload<"questions">[]>;
  close(): Promise<void>;
}

export async function startDiscordReceiveHarness(
  options: DiscordReceiveHarnessOptions = {},
): Promise<DiscordReceiveHarness> {
  const logger = options.logger ?? silentLogger();
  const messageContent = options.messageContent ?? true;
  const keyPrefix = randomPrefix();
  const discord = await startDiscordStandIn(options.standIn);
  const redis = createRedisConnection(options.redisUrl ?? testRedisUrl, {
    role: "producer",
    logger,
    name: "sabio-discord-test",
  });
  if (redis.status !== "ready") await once(redis, "ready");
  const realProducer = createProducer(redis, { prefix: keyPrefix, logger });
  let failures = options.failEnqueues ?? 0;
  const producer: Producer = {
    enqueue(queueName, payload, enqueueOptions) {
      if (failures > 0) {
        failures -= 1;
        return Promise.reject(
          new AppError(ErrorCode.Unavailable, "Redis is unavailable", { retryable: true }),
        );
      }
      return realProducer.enqueue(queueName, payload, enqueueOptions);
    },
    close: () => realProducer.close(),
  };
  const reader = new Redis(testRedisUrl);
  const queue = new Queue("questions", { connection: reader, prefix: keyPrefix });
  const bots: RunningBot[] = [];

  async function addBot(): Promise<RunningBot> {
    const client = createDiscordClient({ apiUrl: discord.apiUrl, messageContent });
    const handlers = registerDiscordQuestionHandlers(client, {
      producer,
      ...(options.database ? { outbox: createOutboxProducer(producer, options.database, { logger }) } : {}),
      redis,
      keyPrefix,
      workspace: { defaultWorkspace: workspaceId, perGuild: options.perGuild ?? false },
      messageContent,
      logger,
    });
    await loginDiscordClient(client, discord.token);
    const bot = { client, handlers };
    bots.push(bot);
    return bot;
  }

  const received = (client: Client, id: string) =>
    new Promise<void>((resolve) => {
      const listener = (message: Message) => {
        if (message.id !== id) return;
        client.off("messageCreate", listener);
        resolve();
      };
      client.on("messageCreate", listener);
    });
  const idle = () => Promise.all(bots.map((bot) => bot.handlers.whenIdle()));

  await addBot();
  return {
    discord,
    producer,
    keyPrefix,
    redis,
    bots,
    addBot,
    async restart() {
      await idle();
      await Promise.all(bots.splice(0).map((bot) => bot.client.destroy()));
      await addBot();
    },
    async deliver(message) {
      const all = Promise.all(bots.map((bot) => received(bot.client, String(message.id))));
      discord.dispatch("MESSAGE_CREATE", message);
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
