import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { createSlackApp, type SlackApp, slackEventsPath } from "#bots/slack/receive/create-slack-app.ts";
import {
  type QuestionHandlers,
  registerQuestionHandlers,
} from "#bots/slack/receive/register-question-handlers.ts";
import type { Db } from "#shared/db/database.ts";
import type { Logger } from "#shared/log/logger.ts";
import { createProducer, type Producer } from "#shared/queue/enqueue.ts";
import type { JobPayload } from "#shared/queue/job-catalog.ts";
import { createOutboxProducer } from "#shared/queue/outbox-producer.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { startDelayingProxy } from "#test/helpers/delaying-proxy.ts";
import { deleteTestKeys } from "#test/helpers/delete-test-keys.ts";
import { randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { type SlackSignatureHeaders, signSlackRequest, slackEventBody } from "#test/helpers/slack-signing.ts";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";

/**
 * The real receiving side over HTTP: a Bolt app on a free port, signed requests, the Slack
 * stand-in behind the WebClient, real Redis and a real BullMQ producer under a random prefix.
 */

export const signingSecret = "test-signing-secret";
export const teamId = "T0ACME";
export const botUserId = "U0SABIOBOT";
export const workspaceId = "acme";

export interface ReceiveHarnessOptions {
  /** Milliseconds the Slack API holds calls to these methods (e.g. `{ "reactions.add": 1500 }`). */
  slowMethods?: Record<string, number>;
  logger?: Logger;
  /** Defaults to: the test team feeds workspace "acme", any other team is unknown. */
  workspaceFor?: (teamId: string) => string | undefined;
  /** The bot's Redis (default the test Redis): a `startTcpProxy` URL lets a test take it away. */
  redisUrl?: string;
  /** Given: questions Redis cannot take are kept in this database's outbox. */
  database?: Db;
}

export interface SendOptions {
  eventId?: string;
  teamId?: string;
  /** Sent as `X-Slack-Retry-Num` (with a retry reason), as Slack does on redelivery. */
  retryNum?: number;
  timestampSeconds?: number;
}

export interface SentRequest {
  status: number;
  body: string;
  /** From sending the request to the full response. */
  ms: number;
}

export interface ReceiveHarness {
  slack: SlackStandIn;
  /** The bot's producer (for an outbox relay of the test's own). */
  producer: Producer;
  keyPrefix: string;
  /** POST /slack/events of the running app. */
  eventsUrl(): string;
  baseUrl(): string;
  handlers(): QuestionHandlers;
  /** The running Bolt app, to add a listener of the test's own. */
  app(): SlackApp["app"];
  /** Wraps `event` in an event_callback envelope, signs it and posts it. */
  sendEvent(event: Record<string, unknown>, options?: SendOptions): Promise<SentRequest>;
  /** Posts a raw body with the given headers (for bad signatures, broken JSON…). */
  post(body: string, headers: SlackSignatureHeaders | Record<string, string>): Promise<SentRequest>;
  /** Waits for the listeners and their reactions, then lists the questions enqueued. */
  jobs(): Promise<JobPayload<"questions">[]>;
  /** The questions enqueued so far, without waiting for anything. */
  peekJobs(): Promise<JobPayload<"questions">[]>;
  /** Another app instance on the same Redis: what a restarted bot is. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiveHarness(options: ReceiveHarnessOptions = {}): Promise<ReceiveHarness> {
  const logger = options.logger ?? silentLogger();
  const keyPrefix = randomPrefix();
  const slack = await startSlackStandIn({ teamId, botUserId });
  const proxy = options.slowMethods ? await startDelayingProxy(slack.apiUrl, options.slowMethods) : undefined;
  const redis = createRedisConnection(options.redisUrl ?? testRedisUrl, {
    role: "producer",
    logger,
    name: "sabio-slack-test",
  });
  const producer: Producer = createProducer(redis, { prefix: keyPrefix, logger });
  // The producer connection fails fast instead of queueing commands: events must not arrive
  // before it is connected (the role's entry point waits for it the same way).
  if (redis.status !== "ready") await once(redis, "ready");
  const reader = new Redis(testRedisUrl);
  const queue = new Queue("questions", { connection: reader, prefix: keyPrefix });

  let running: { slackApp: SlackApp; handlers: QuestionHandlers; port: number } | undefined;
  async function startApp() {
    const slackApp = createSlackApp({
      botToken: "xoxb-test-token",
      signingSecret,
      slackApiUrl: proxy?.apiUrl ?? slack.apiUrl,
      port: 0,
      logger,
    });
    const handlers = registerQuestionHandlers(slackApp.app, {
      producer,
      ...(options.database ? { outbox: createOutboxProducer(producer, options.database, { logger }) } : {}),
      redis,
      workspaceFor: options.workspaceFor ?? ((team) => (team === teamId ? workspaceId : undefined)),
      logger,
      keyPrefix,
    });
    const { port } = await slackApp.start();
    running = { slackApp, handlers, port: port ?? 0 };
  }
  function current() {
    if (!running) throw new Error("the Slack app is not running");
    return running;
  }
  async function stopApp() {
    if (!running) return;
    await running.handlers.whenIdle();
    await running.slackApp.stop();
    running = undefined;
  }

  async function post(
    body: string,
    headers: SlackSignatureHeaders | Record<string, string>,
  ): Promise<SentRequest> {
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${current().port}${slackEventsPath}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: text, ms: performance.now() - started };
  }

  async function peekJobs(): Promise<JobPayload<"questions">[]> {
    const jobs = await queue.getJobs(["waiting", "active", "delayed", "prioritized", "completed", "failed"]);
    return jobs.map((job) => job.data as JobPayload<"questions">);
  }

  await startApp();
  return {
    slack,
    producer,
    keyPrefix,
    eventsUrl: () => `http://127.0.0.1:${current().port}${slackEventsPath}`,
    baseUrl: () => `http://127.0.0.1:${current().port}`,
    handlers: () => current().handlers,
    app: () => current().slackApp.app,
    sendEvent(event, send = {}) {
      const body = slackEventBody(event, {
        teamId: send.teamId ?? teamId,
        eventId: send.eventId ?? `Ev${randomUUID().replaceAll("-", "").slice(0, 12).toUpperCase()}`,
        botUserId,
      });
      return post(body, {
        ...signSlackRequest(body, signingSecret, send.timestampSeconds),
        ...(send.retryNum === undefined
          ? {}
          : { "x-slack-retry-num": String(send.retryNum), "x-slack-retry-reason": "http_timeout" }),
      });
    },
    post,
    async jobs() {
      await current().handlers.whenIdle();
      return peekJobs();
    },
    peekJobs,
    restart: async () => {
      await stopApp();
      await startApp();
    },
    async close() {
      await stopApp();
      await producer.close();
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
      await deleteTestKeys(reader, keyPrefix);
      await reader.quit();
      await closeRedisConnection(redis);
      await proxy?.close();
      await slack.close();
    },
  };
}

let sequence = 0;

/** A Slack message ts that no other test uses. */
export function nextTs(): string {
  sequence += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(sequence).padStart(6, "0")}`;
}

/** An `app_mention` as Slack sends it, in channel C0GENERAL unless told otherwise. */
export function appMention(text: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  const ts = nextTs();
  return {
    type: "app_mention",
    user: "U0ASKER",
    text,
    ts,
    channel: "C0GENERAL",
    team: teamId,
    event_ts: ts,
    ...fields,
  };
}

/** A plain `message` event (channel_type "channel" unless told otherwise). */
export function channelMessage(text: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  const ts = nextTs();
  return {
    type: "message",
    user: "U0ASKER",
    text,
    ts,
    channel: "C0GENERAL",
    channel_type: "channel",
    team: teamId,
    event_ts: ts,
    ...fields,
  };
}
