import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Queue } from "bullmq";
import pg from "pg";
import type { Database } from "#shared/db/database.ts";
import { openDatabase } from "#shared/db/open-database.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { freePort } from "#test/helpers/free-port.ts";
import { randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { startResponseUrlCatcher } from "#test/helpers/response-url-catcher.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { signSlackRequest, slackEventBody, slackInteractionBody } from "#test/helpers/slack-signing.ts";
import { spawnSabio } from "#test/helpers/spawn-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { testDatabaseUrl } from "#test/helpers/test-database-backends.ts";
import { waitFor } from "#test/helpers/wait-for.ts";
import { buttonClick, slashCommand } from "#test/slack/slack-interaction-payloads.ts";
import { type LangfuseStandIn, startLangfuseStandIn } from "#test/stand-ins/langfuse/langfuse-server.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { type PostHogStandIn, startPostHogStandIn } from "#test/stand-ins/posthog/posthog-server.ts";
import { type SlackStandIn, type StoredMessage, startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { type StripeStandIn, startStripeStandIn, stripeEnv } from "#test/stand-ins/stripe/stripe-stand-in.ts";
import type { SignedStripeEvent } from "#test/stand-ins/stripe/stripe-webhook-events.ts";

/**
 * What the billing end-to-end test runs a real `sabio start` against: every vendor a stand-in
 * (Slack, Ollama, Stripe, Langfuse, PostHog), a PostgreSQL database of its own that the child and
 * the test both read, a random queue prefix, and a handbook ingested into `workspace`.
 */

export const workspace = "acme";
export const teamId = "T0001";
export const channel = "C0001";

/** Every secret the child is given: none may reach analytics. */
export const secrets = {
  slackBotToken: "xoxb-e2e-bot-token-0123456789",
  slackSigningSecret: "e2e-slack-signing-secret",
  stripeWebhookSecret: "whsec_e2e_billing_secret",
  langfusePublicKey: "pk-lf-e2e-public",
  langfuseSecretKey: "sk-lf-e2e-secret-key",
  posthogApiKey: "phc_e2e_project_key",
} as const;

export interface BillingProcessKit {
  slack: SlackStandIn;
  ollama: OllamaStandIn;
  stripe: StripeStandIn;
  langfuse: LangfuseStandIn;
  posthog: PostHogStandIn;
  /** The same PostgreSQL database the child uses. */
  database: Database;
  /** The `seats` queue of the child's prefix (the test promotes its delayed job). */
  seats: Queue;
  webPort: number;
  metricsPort: number;
  /** Environment of `sabio` commands the test runs in-process on the child's state. */
  cliEnv: Record<string, string>;
  /** Spawns `sabio start` with every stand-in configured. */
  start(): ChildProcess;
  /** Posts a signed app_mention from `user` at `ts` (a thread of its own). */
  mention(user: string, ts: string, text: string): Promise<number>;
  /** The bot's finished reply in the thread of `ts` that matches `pattern` (waits for it). */
  botReply(ts: string, pattern: RegExp): Promise<StoredMessage>;
  /** Sends `/sabio <text>` as `user`; resolves with the body posted to its response_url. */
  command(text: string, user: string): Promise<{ status: number; answer: Promise<Record<string, unknown>> }>;
  /** Clicks a button of the answer message `reply` (in the thread of `threadTs`) as `user`. */
  click(
    actionId: string,
    value: string,
    user: string,
    reply: StoredMessage,
    threadTs: string,
  ): Promise<number>;
  /** POSTs a signed Stripe event to the child's /webhooks/stripe, byte for byte. */
  deliverStripe(signed: SignedStripeEvent): Promise<{ status: number; body: Record<string, unknown> }>;
  dispose(): Promise<void>;
}

const minute = 60_000;

export async function startBillingProcessKit(): Promise<BillingProcessKit> {
  const temp = await makeTempDir();
  const ollama = await startOllamaStandIn();
  const slack = await startSlackStandIn({
    teamId,
    botUserId: "UBOT",
    users: {
      UADMIN: { name: "ana", isAdmin: true },
      U1: { name: "ben" },
      U2: { name: "cleo" },
    },
  });
  const stripe = await startStripeStandIn();
  const langfuse = await startLangfuseStandIn({
    publicKey: secrets.langfusePublicKey,
    secretKey: secrets.langfuseSecretKey,
  });
  const posthog = await startPostHogStandIn();
  const responses = await startResponseUrlCatcher(teamId);

  // A database of its own (not a schema): the child opens DATABASE_URL as any deployment would.
  const databaseName = `sabio_e2e_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await adminQuery(`create database "${databaseName}"`);
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.toString();

  const dataDir = join(temp.path, "data");
  const handbook = join(temp.path, "handbook");
  await mkdir(handbook);
  await writeFile(
    join(handbook, "parking.md"),
    "# Parking\n\nVisitors park on level minus two of the garage.\n",
  );
  const cliEnv = {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    OLLAMA_HOST: ollama.host,
    ...stripeEnv(stripe),
    BILLING_TRIAL_DAYS: "0",
  };
  const ingested = await runSabio(["ingest", handbook, "--workspace", workspace], cliEnv);
  if (ingested.code !== 0) throw new Error(`ingest failed: ${ingested.notes}`);
  const database = await openDatabase({ databaseUrl, dataDir });

  const prefix = randomPrefix();
  const redis = createRedisConnection(testRedisUrl, { role: "producer", logger: silentLogger() });
  const seats = new Queue("seats", { connection: redis, prefix });
  const [port, webPort, metricsPort] = [await freePort(), await freePort(), await freePort()];

  const postSlack = async (body: string, contentType: string) =>
    (
      await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: "POST",
        headers: { "content-type": contentType, ...signSlackRequest(body, secrets.slackSigningSecret) },
        body,
      })
    ).status;
  const form = "application/x-www-form-urlencoded";

  return {
    slack,
    ollama,
    stripe,
    langfuse,
    posthog,
    database,
    seats,
    webPort,
    metricsPort,
    cliEnv,
    start: () =>
      spawnSabio(
        ["start"],
        { dataDir, ollamaHost: ollama.host, prefix },
        {
          ...cliEnv,
          SABIO_WORKSPACE: workspace,
          SLACK_API_URL: slack.apiUrl,
          SLACK_BOT_TOKEN: secrets.slackBotToken,
          SLACK_SIGNING_SECRET: secrets.slackSigningSecret,
          PORT: String(port),
          STRIPE_WEBHOOK_SECRET: secrets.stripeWebhookSecret,
          WEB_PORT: String(webPort),
          METRICS_PORT: String(metricsPort),
          LANGFUSE_PUBLIC_KEY: secrets.langfusePublicKey,
          LANGFUSE_SECRET_KEY: secrets.langfuseSecretKey,
          LANGFUSE_BASE_URL: langfuse.baseUrl,
          POSTHOG_API_KEY: secrets.posthogApiKey,
          POSTHOG_HOST: posthog.host,
        },
      ),
    mention: (user, ts, text) =>
      postSlack(
        slackEventBody(
          { type: "app_mention", user, text: `<@UBOT> ${text}`, ts, channel, event_ts: ts },
          { teamId, botUserId: "UBOT" },
        ),
        "application/json",
      ),
    botReply: (ts, pattern) =>
      waitFor(async () => {
        const replies = slack.thread(channel, ts).filter((message) => message.bot_id);
        return replies.find((message) => pattern.test(message.text) && !/Thinking/.test(message.text));
      }, 2 * minute).catch((error: unknown) => {
        const thread = JSON.stringify(slack.thread(channel, ts));
        throw new Error(`no reply matching ${pattern} in the thread of ${ts}: ${thread}`, { cause: error });
      }),
    async command(text, user) {
      const before = responses.bodies.length;
      const body = new URLSearchParams(
        slashCommand({ text, userId: user, teamId, responseUrl: responses.url }),
      ).toString();
      const status = await postSlack(body, form);
      return { status, answer: waitFor(async () => responses.bodies[before], minute) };
    },
    click: (actionId, value, user, reply, threadTs) =>
      postSlack(
        slackInteractionBody(
          buttonClick({
            actionId,
            value,
            userId: user,
            teamId,
            message: { channel, ts: reply.ts, threadTs },
          }),
        ),
        form,
      ),
    async deliverStripe(signed) {
      const response = await fetch(`http://127.0.0.1:${webPort}/webhooks/stripe`, {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": signed.signature },
        body: signed.payload,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    async dispose() {
      await seats.close();
      await removeQueues(redis, prefix);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await closeRedisConnection(redis);
      await database.close();
      await adminQuery(`drop database if exists "${databaseName}" with (force)`);
      await Promise.all([
        slack.close(),
        ollama.stop(),
        stripe.close(),
        langfuse.stop(),
        posthog.stop(),
        responses.close(),
      ]);
      await temp.remove();
    },
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
