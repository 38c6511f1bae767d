import { once } from "node:events";
import { GatewayCloseCodes } from "discord.js";
import { botInviteUrl } from "#bots/discord/client/bot-permissions.ts";
import { createDiscordClient } from "#bots/discord/client/create-discord-client.ts";
import { loginDiscordClient } from "#bots/discord/client/login-discord-client.ts";
import { registerDiscordCommands } from "#bots/discord/commands/register-discord-commands.ts";
import { createDiscordApprovers } from "#bots/discord/interact/discord-approvers.ts";
import { registerDiscordInteractions } from "#bots/discord/interact/register-discord-interactions.ts";
import { redisInteractionTokens } from "#bots/discord/interaction-tokens.ts";
import { registerDiscordQuestionHandlers } from "#bots/discord/receive/register-discord-question-handlers.ts";
import { driveConnectLinks } from "#connectors/drive/oauth/drive-connect-link.ts";
import { notionConnectLinks } from "#connectors/notion/oauth/notion-connect-link.ts";
import { billingFromEnv } from "#shared/billing/billing-from-env.ts";
import { memberActivityFromEnv } from "#shared/billing/seats/member-activity-from-env.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import { createOutboxProducer } from "#shared/queue/outbox-producer.ts";
import { createQueueDepth } from "#shared/queue/queue-depth.ts";
import { startOutboxRelay } from "#shared/queue/start-outbox-relay.ts";
import { createReviewService } from "#shared/review/review-service.ts";
import { answerBankOf } from "../answer-bank-of.ts";
import type { RoleContext, RunningRole } from "./role.ts";

/** Close codes after which discord.js does not reconnect: the bot is off until someone acts. */
const finalCloseCodes = new Set<number>([
  GatewayCloseCodes.AuthenticationFailed,
  GatewayCloseCodes.InvalidShard,
  GatewayCloseCodes.ShardingRequired,
  GatewayCloseCodes.InvalidAPIVersion,
  GatewayCloseCodes.InvalidIntents,
  GatewayCloseCodes.DisallowedIntents,
]);

/**
 * The Discord bot: a gateway connection that receives mentions, thread follow-ups and DMs, claims
 * each once and enqueues it. Answers go out through the Discord platform of the answer worker,
 * which needs only REST.
 */
export async function startDiscordRole(context: RoleContext): Promise<RunningRole> {
  const { env, logger } = context.services;
  const token = env.DISCORD_TOKEN;
  if (!token) throw new Error("discord role started without DISCORD_TOKEN");
  const log = logger.child({ role: "discord" });
  const redis = context.producerRedis();
  // The producer connection has no offline queue: a message arriving before it is ready would fail.
  if (redis.status !== "ready") await once(redis, "ready");
  const { db } = await context.services.database();
  const producer = context.producer();
  // Questions that arrive while Redis is down wait in the database; the relay queues them later.
  const outboxRelay = startOutboxRelay({ db, producer, logger: log });
  const workspace = { defaultWorkspace: env.SABIO_WORKSPACE, perGuild: env.DISCORD_WORKSPACE_PER_GUILD };
  const client = createDiscordClient({
    apiUrl: env.DISCORD_API_URL,
    messageContent: env.DISCORD_MESSAGE_CONTENT,
  });
  const handlers = registerDiscordQuestionHandlers(client, {
    producer,
    outbox: createOutboxProducer(producer, db, { logger: log }),
    redis,
    keyPrefix: env.QUEUE_PREFIX,
    workspace,
    messageContent: env.DISCORD_MESSAGE_CONTENT,
    logger: log,
  });
  const approvers = { roleIds: env.DISCORD_APPROVER_ROLE_IDS, userIds: env.DISCORD_APPROVERS };
  const questionQueue = createQueueDepth(redis, "questions", env.QUEUE_PREFIX);
  registerDiscordInteractions(client, {
    producer,
    interactionTokens: redisInteractionTokens(redis, env.QUEUE_PREFIX),
    redis,
    keyPrefix: env.QUEUE_PREFIX,
    review: createReviewService({
      database: db,
      approvers: createDiscordApprovers(approvers),
      events: await answerBankOf(context.services),
      logger: log,
      members: memberActivityFromEnv(env, { db, producerRedis: redis, logger: log }),
      ...(context.telemetry ? { telemetry: context.telemetry } : {}),
    }),
    approvers,
    database: db,
    workspace,
    queueDepth: questionQueue.depth,
    notionConnectLink: notionConnectLinks(env),
    driveConnectLink: driveConnectLinks(env),
    billing: billingFromEnv(env, db),
    logger: log,
  });
  client.on("error", (error) => log.error({ err: errorMessage(error) }, "discord client error"));
  let connected = false;
  client.on("shardDisconnect", (event) => {
    // Before the bot is ready, ready() reports why in one line.
    if (connected && finalCloseCodes.has(event.code))
      log.error({ code: event.code }, "discord gateway closed for good; the bot is offline until restarted");
  });

  const loggedIn = loginDiscordClient(client, token);
  // ready() reports the failure; until it is awaited, the rejection is not unhandled.
  loggedIn.catch(() => {});
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handlers.stop();
    await client.destroy();
    await outboxRelay.stop();
    await questionQueue.close();
  };
  return {
    name: "discord",
    ready: async () => {
      try {
        await loggedIn;
      } catch (error) {
        await close();
        throw error;
      }
      connected = true;
      if (client.application) {
        // Idempotent (a bulk overwrite): every start brings /ask and /sabio up to date.
        await registerDiscordCommands({
          rest: client.rest,
          applicationId: client.application.id,
          guildIds: env.DISCORD_GUILD_IDS,
          logger: log,
        }).catch((error: unknown) => {
          log.error(
            { err: errorMessage(error) },
            "could not register the slash commands; mentions still work",
          );
        });
      }
      log.info(
        {
          userId: client.user?.id,
          guilds: client.guilds.cache.size,
          messageContent: env.DISCORD_MESSAGE_CONTENT,
          // The invite with the permissions it needs, for a bot not in any server yet.
          ...(client.application ? { inviteUrl: botInviteUrl(client.application.id) } : {}),
        },
        "discord bot connected",
      );
    },
    close,
    forceClose: async () => {
      closed = true;
      void outboxRelay.stop();
      await client.destroy();
    },
  };
}
