import { Redis } from "ioredis";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { deleteTestKeys } from "#test/helpers/delete-test-keys.ts";
import { randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { claimSlackEvent, releaseSlackEvent } from "./slack-event-dedupe.ts";

const redis = new Redis(testRedisUrl);
let keyPrefix = randomPrefix();

beforeEach(async () => {
  await deleteTestKeys(redis, keyPrefix);
  keyPrefix = randomPrefix();
});

afterAll(async () => {
  await deleteTestKeys(redis, keyPrefix);
  await redis.quit();
});

const delivery = { eventId: "Ev1", teamId: "T1", channelId: "C1", ts: "1700000000.000100" };

describe("claimSlackEvent", () => {
  it("is true only for the first delivery of an event id", async () => {
    expect(await claimSlackEvent(redis, delivery, { keyPrefix })).toBe(true);
    expect(await claimSlackEvent(redis, delivery, { keyPrefix })).toBe(false);
  });

  it("also refuses the same message under a new event id", async () => {
    expect(await claimSlackEvent(redis, delivery, { keyPrefix })).toBe(true);
    expect(await claimSlackEvent(redis, { ...delivery, eventId: "Ev2" }, { keyPrefix })).toBe(false);
    // …and a new message under the old event id.
    expect(await claimSlackEvent(redis, { ...delivery, ts: "1700000001.000100" }, { keyPrefix })).toBe(false);
    expect(
      await claimSlackEvent(redis, { ...delivery, eventId: "Ev3", channelId: "C2" }, { keyPrefix }),
    ).toBe(true);
  });

  it("lets exactly one of many racing deliveries win", async () => {
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        claimSlackEvent(redis, { ...delivery, eventId: `Ev${index % 3}` }, { keyPrefix }),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("expires after the ttl and can be released", async () => {
    await claimSlackEvent(redis, delivery, { keyPrefix, ttlSeconds: 60 });
    const keys = await redis.keys(`${keyPrefix}:slack:*`);
    expect(keys.sort()).toEqual([
      `${keyPrefix}:slack:event:Ev1`,
      `${keyPrefix}:slack:message:T1:C1:1700000000.000100`,
    ]);
    for (const key of keys) expect(await redis.ttl(key)).toBeGreaterThan(50);

    await releaseSlackEvent(redis, delivery, { keyPrefix });
    expect(await claimSlackEvent(redis, delivery, { keyPrefix })).toBe(true);
  });

  it("keeps a day by default, well over Slack's retry window", async () => {
    await claimSlackEvent(redis, delivery, { keyPrefix });
    expect(await redis.ttl(`${keyPrefix}:slack:event:Ev1`)).toBeGreaterThan(86_000);
  });
});
