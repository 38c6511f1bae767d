import { once } from "node:events";
import { WebClient } from "@slack/web-api";
import { registerSabioCommand } from "#bots/slack/commands/register-sabio-command.ts";
import { createHomePublisher } from "#bots/slack/home/create-home-publisher.ts";
import { registerAppHome } from "#bots/slack/home/register-app-home.ts";
import { createApprovers } from "#bots/slack/interact/approvers.ts";
import { registerAnswerActions } from "#bots/slack/interact/register-answer-actions.ts";
import { createSlackApp } from "#bots/slack/receive/create-slack-app.ts";
import { registerQuestionHandlers } from "#bots/slack/receive/register-question-handlers.ts";
import { createSlackPlatform } from "#bots/slack/reply/create-slack-platform.ts";
import { replyClientOptions } from "#bots/slack/reply/reply-client-options.ts";
import type { Env } from "#shared/config/env.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { Platform } from "#shared/platform/platform.ts";
import { createQueueDepth } from "#shared/queue/queue-depth.ts";
import type { RoleContext, RunningRole } from "./role.ts";

/** Single-workspace Slack: a bot token plus a way to receive events (Socket Mode or HTTP). */
export function slackConfigured(env: Env): boolean {
  return Boolean(env.SLACK_BOT_TOKEN && (env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET));
}

/** The answer worker's way back to Slack, or undefined when no bot token is configured. */
export function slackPlatformFromEnv(env: Env, logger: Logger): Platform | undefined {
  if (!env.SLACK_BOT_TOKEN) return undefined;
  // Rate limits are rejected to our own short retry (the client's default could wait ~30 min).
  const client = new WebClient(env.SLACK_BOT_TOKEN, replyClientOptions(env.SLACK_API_URL));
  return createSlackPlatform({ clientFor: async () => client, logger, streaming: "auto" });
}

/** The Slack bot: receives mentions, DMs and thread follow-ups, dedupes and enqueues them. */
export async function startSlackRole(context: RoleContext): Promise<RunningRole> {
  const { env, logger } = context.services;
  const botToken = env.SLACK_BOT_TOKEN;
  if (!botToken) throw new Error("slack role started without SLACK_BOT_TOKEN");
  const redis = context.producerRedis();
  // The producer connection has no offline queue: an event arriving before it is ready would fail.
  if (redis.status !== "ready") await once(redis, "ready");
  const slackApp = createSlackApp({
    botToken,
    ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
    ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
    slackApiUrl: env.SLACK_API_URL,
    port: env.PORT,
    logger,
    customRoutes: [
      {
        path: "/healthz",
        method: "GET",
        handler: (_request, response) => {
          response.writeHead(200, { "content-type": "text/plain" });
          response.end("ok");
        },
      },
    ],
  });
  // Only the installed team maps to this Sabio workspace: another team must never read its docs.
  const workspaceFor = (teamId: string) =>
    teamId === slackApp.identity?.teamId ? env.SABIO_WORKSPACE : undefined;
  const handlers = registerQuestionHandlers(slackApp.app, {
    producer: context.producer(),
    redis,
    logger,
    keyPrefix: env.QUEUE_PREFIX,
    workspaceFor,
  });
  const { db } = await context.services.database();
  const approvers = createApprovers({ extraApproverIds: env.SLACK_APPROVERS });
  const publishHome = createHomePublisher({ database: db, approvers, workspaceFor, logger });
  const questionQueue = createQueueDepth(redis, "questions", env.QUEUE_PREFIX);
  registerAnswerActions(slackApp.app, { database: db, approvers, workspaceFor, publishHome, logger });
  registerAppHome(slackApp.app, { publishHome, logger });
  registerSabioCommand(slackApp.app, { database: db, workspaceFor, queueDepth: questionQueue.depth, logger });
  const started = slackApp.start();
  return {
    name: "slack",
    ready: async () => {
      const { port } = await started;
      logger.info({ mode: slackApp.mode, port }, "slack bot listening");
    },
    close: async () => {
      await slackApp.stop();
      await handlers.whenIdle();
      await questionQueue.close();
    },
    forceClose: () => slackApp.stop(),
  };
}
