import { afterEach, describe, expect, it } from "vitest";
import { listOutbox } from "#shared/db/outbox-repository.ts";
import { startOutboxRelay } from "#shared/queue/start-outbox-relay.ts";
import { testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { startTcpProxy, type TcpProxy } from "#test/helpers/tcp-proxy.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { waitFor } from "#test/helpers/wait-for.ts";
import {
  appMention,
  botUserId,
  type ReceiveHarness,
  startReceiveHarness,
} from "#test/slack/receive-test-kit.ts";
import { keptText, unavailableText } from "./question-reply-texts.ts";

const postgres = testDatabaseBackends.find((backend) => backend.kind === "postgres");
if (!postgres) throw new Error("no postgres test backend");

describe("a question asked while Redis is down", () => {
  const db = useTestDatabase(postgres);
  let harness: ReceiveHarness | undefined;
  let proxy: TcpProxy | undefined;

  afterEach(async () => {
    await proxy?.restore();
    await harness?.close();
    await proxy?.close();
    harness = undefined;
    proxy = undefined;
  });

  async function startBehindProxy(): Promise<ReceiveHarness> {
    const redis = new URL(testRedisUrl);
    proxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    harness = await startReceiveHarness({ redisUrl: proxy.url("redis"), database: db() });
    return harness;
  }

  it("is kept, the asker is told it comes shortly, and it is queued once Redis is back", async () => {
    const bot = await startBehindProxy();
    // One question while Redis is up (the bot's queue is then open, as in a running bot).
    await bot.sendEvent(appMention(`<@${botUserId}> Before the outage?`), { eventId: "EvBEFORE" });
    expect((await bot.jobs()).map((job) => job.eventId)).toEqual(["EvBEFORE"]);
    await proxy?.cut();
    const event = appMention(`<@${botUserId}> How do I get reimbursed?`, { channel: "C0OUTAGE" });

    const sent = await bot.sendEvent(event, { eventId: "EvOUTAGE" });
    expect(sent.status).toBe(200);
    await bot.handlers().whenIdle();
    // Slack redelivers the same event while Redis is still down.
    await bot.sendEvent(event, { eventId: "EvOUTAGE", retryNum: 1 });
    await bot.handlers().whenIdle();

    const replies = bot.slack.callsTo("chat.postMessage").map((call) => call.args);
    expect(replies).toEqual([
      expect.objectContaining({ channel: "C0OUTAGE", thread_ts: event.ts, text: keptText }),
    ]);
    expect(replies).not.toContainEqual(expect.objectContaining({ text: unavailableText }));
    expect(bot.slack.callsTo("reactions.add")).toHaveLength(2);
    const kept = await listOutbox(db(), 100);
    expect(kept.map((row) => (row.payload as { eventId: string }).eventId)).toEqual(["EvOUTAGE"]);

    await proxy?.restore();
    const relay = startOutboxRelay({
      db: db(),
      producer: bot.producer,
      logger: silentLogger(),
      intervalMs: 50,
    });
    try {
      await waitFor(async () => ((await listOutbox(db(), 1)).length === 0 ? true : undefined));
    } finally {
      await relay.stop();
    }
    const queued = (await bot.jobs()).filter((job) => job.eventId === "EvOUTAGE");
    expect(queued).toEqual([expect.objectContaining({ channelId: "C0OUTAGE", messageId: event.ts })]);

    // A late redelivery once Redis is back (no Redis claim was ever taken): still one job.
    await bot.sendEvent(event, { eventId: "EvOUTAGE", retryNum: 2 });
    expect((await bot.jobs()).map((job) => job.eventId).sort()).toEqual(["EvBEFORE", "EvOUTAGE"]);
    expect(bot.slack.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("does not keep a question the queue refuses for its content: the asker is asked to retry", async () => {
    harness = await startReceiveHarness({ database: db(), workspaceFor: () => "Not A Workspace!" });
    const event = appMention(`<@${botUserId}> How do I expense a train ticket?`, { channel: "C0REFUSED" });
    await harness.sendEvent(event, { eventId: "EvREFUSED" });
    await harness.handlers().whenIdle();

    const replies = harness.slack.callsTo("chat.postMessage").map((call) => call.args);
    expect(replies).toEqual([expect.objectContaining({ channel: "C0REFUSED", text: unavailableText })]);
    const kept = await listOutbox(db(), 100);
    expect(kept.filter((row) => (row.payload as { eventId: string }).eventId === "EvREFUSED")).toEqual([]);
  });
});
