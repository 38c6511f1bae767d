import { afterEach, describe, expect, it } from "vitest";
import { listOutbox } from "#shared/db/outbox-repository.ts";
import { startOutboxRelay } from "#shared/queue/start-outbox-relay.ts";
import { type DiscordReceiveHarness, startDiscordReceiveHarness } from "#test/discord/receive-test-kit.ts";
import { testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { startTcpProxy, type TcpProxy } from "#test/helpers/tcp-proxy.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { waitFor } from "#test/helpers/wait-for.ts";
import { standardIds } from "#test/stand-ins/discord/discord-server.ts";
import { keptText, unavailableText } from "./question-reply-texts.ts";

const postgres = testDatabaseBackends.find((backend) => backend.kind === "postgres");
if (!postgres) throw new Error("no postgres test backend");

describe("a Discord question asked while Redis is down", () => {
  const db = useTestDatabase(postgres);
  let harness: DiscordReceiveHarness | undefined;
  let proxy: TcpProxy | undefined;

  afterEach(async () => {
    await proxy?.restore();
    await harness?.close();
    await proxy?.close();
    harness = undefined;
    proxy = undefined;
  });

  it("is kept, the asker is told it comes shortly, and it is queued once when Redis is back", async () => {
    const redis = new URL(testRedisUrl);
    proxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    harness = await startDiscordReceiveHarness({ redisUrl: proxy.url("redis"), database: db() });
    const bot = harness;
    const before = bot.discord.mentionMessage({
      channelId: standardIds.general,
      authorId: standardIds.member,
      text: "Before the outage?",
    });
    await bot.deliver(before);
    expect((await bot.jobs()).map((job) => job.eventId)).toEqual([before.id]);

    await proxy.cut();
    const question = bot.discord.mentionMessage({
      channelId: standardIds.general,
      authorId: standardIds.member,
      text: "How do I get reimbursed?",
    });
    await bot.deliver(question);
    // A second process on the token (or a replay after a restart) gets it while Redis is still down.
    await bot.restart();
    await bot.deliver(question);

    const threadId = String(question.id);
    const replies = bot.discord.messages(threadId).concat(bot.discord.messages(standardIds.general));
    const texts = replies
      .filter((message) => message.author.id === bot.discord.botUserId)
      .map((message) => message.content);
    expect(texts).toEqual([keptText]);
    expect(texts).not.toContain(unavailableText);
    const kept = await listOutbox(db(), 100);
    expect(kept.map((row) => (row.payload as { eventId: string }).eventId)).toEqual([question.id]);
    expect(kept[0]?.payload).toMatchObject({ platform: "discord", threadId, channelId: threadId });

    await proxy.restore();
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
    expect((await bot.jobs()).map((job) => job.eventId).sort()).toEqual([before.id, question.id].sort());
  });
});
