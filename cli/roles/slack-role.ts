import { once } from "node:events";
import type { CustomRoute } from "@slack/bolt";
import { registerSabioCommand } from "#bots/slack/commands/register-sabio-command.ts";
import { createHomePublisher } from "#bots/slack/home/create-home-publisher.ts";
import { registerAppHome } from "#bots/slack/home/register-app-home.ts";
import { registerDropApproval } from "#bots/slack/home/register-drop-approval.ts";
import { createApprovers } from "#bots/slack/interact/approvers.ts";
import { registerAnswerActions } from "#bots/slack/interact/register-answer-actions.ts";
import { createSlackApp, type SlackApp } from "#bots/slack/receive/create-slack-app.ts";
import { registerQuestionHandlers } from "#bots/slack/receive/register-question-handlers.ts";
import { groupAccessFromEnv } from "#connectors/drive/directory/group-access-from-env.ts";
import { driveConnectLinks } from "#connectors/drive/oauth/drive-connect-link.ts";
import { notionConnectLinks } from "#connectors/notion/oauth/notion-connect-link.ts";
import { billingFromEnv } from "#shared/billing/billing-from-env.ts";
import { memberActivityFromEnv } from "#shared/billing/seats/member-activity-from-env.ts";
import type { Env } from "#shared/config/env.ts";
import type { Logger } from "#shared/log/logger.ts";
import { createOutboxProducer } from "#shared/queue/outbox-producer.ts";
import { createQueueDepth } from "#shared/queue/queue-depth.ts";
import { startOutboxRelay } from "#shared/queue/start-outbox-relay.ts";
import { createReviewService } from "#shared/review/review-service.ts";
import { answerBankOf } from "../answer-bank-of.ts";
import { slackOAuthConfigured } from "./configured-roles.ts";
import type { RoleContext, RunningRole } from "./role.ts";
import { createOAuthSlackRoleApp } from "./slack-oauth.ts";

/** The Slack bot: receives mentions, DMs and thread follow-ups, dedupes and enqueues them. */
export async function startSlackRole(context: RoleContext): Promise<RunningRole> {
  const { env, logger } = context.services;
  const customRoutes: CustomRoute[] = [
    {
      path: "/healthz",
      method: "GET",
      handler: (_request, response) => {
        response.writeHead(200, { "content-type": "text/plain" });
        response.end("ok");
      },
    },
  ];
  const oauth = slackOAuthConfigured(env)
    ? await createOAuthSlackRoleApp(context.services, { customRoutes })
    : undefined;
  const redis = context.producerRedis();
  // The producer connection has no offline queue: an event arriving before it is ready would fail.
  if (redis.status !== "ready") await once(redis, "ready");
  const slackApp = oauth ? oauth.slackApp : singleWorkspaceApp(env, logger, customRoutes);
  // Many workspaces: each installed team answers from its own. One: only the installed team maps
  // to SABIO_WORKSPACE, so another team can never read its docs.
  const workspaceFor =
    oauth?.workspaceFor ??
    ((teamId: string) => (teamId === slackApp.identity?.teamId ? env.SABIO_WORKSPACE : undefined));
  const { db } = await context.services.database();
  const producer = context.producer();
  // Questions that arrive while Redis is down wait in the database; the relay queues them once it
  // is back. It runs here, beside the bot that wrote them (with PGlite, in the one process).
  const outboxRelay = startOutboxRelay({ db, producer, logger });
  const handlers = registerQuestionHandlers(slackApp.app, {
    producer,
    outbox: createOutboxProducer(producer, db, { logger }),
    redis,
    logger,
    keyPrefix: env.QUEUE_PREFIX,
    workspaceFor,
  });
  const approvers = createApprovers({ extraApproverIds: env.SLACK_APPROVERS });
  const publishHome = createHomePublisher({
    database: db,
    approvers,
    workspaceFor,
    logger,
    groupAccess: groupAccessFromEnv(env),
  });
  const questionQueue = createQueueDepth(redis, "questions", env.QUEUE_PREFIX);
  const review = createReviewService({
    database: db,
    approvers,
    events: await answerBankOf(context.services),
    logger,
    members: memberActivityFromEnv(env, { db, producerRedis: redis, logger }),
    ...(context.telemetry ? { telemetry: context.telemetry } : {}),
  });
  registerAnswerActions(slackApp.app, { review, workspaceFor, publishHome, logger });
  registerDropApproval(slackApp.app, { review, workspaceFor, publishHome, logger });
  registerAppHome(slackApp.app, { publishHome, logger });
  registerSabioCommand(slackApp.app, {
    database: db,
    workspaceFor,
    queueDepth: questionQueue.depth,
    logger,
    connectNotion: { approvers, linkFor: notionConnectLinks(env) },
    connectDrive: { approvers, linkFor: driveConnectLinks(env) },
    billing: billingFromEnv(env, db),
    approvers,
  });
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
      await outboxRelay.stop();
      await questionQueue.close();
    },
    forceClose: async () => {
      void outboxRelay.stop();
      await slackApp.stop();
    },
  };
}

function singleWorkspaceApp(env: Env, logger: Logger, customRoutes: CustomRoute[]): SlackApp {
  if (!env.SLACK_BOT_TOKEN) throw new Error("slack role started without SLACK_BOT_TOKEN or Slack OAuth");
  return createSlackApp({
    botToken: env.SLACK_BOT_TOKEN,
    ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
    ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
    slackApiUrl: env.SLACK_API_URL,
    port: env.PORT,
    logger,
    customRoutes,
  });
}
