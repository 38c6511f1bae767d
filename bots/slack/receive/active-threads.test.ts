import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { deleteTestKeys } from "#test/helpers/delete-test-keys.ts";
import { randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { isThreadActive, markThreadActive } from "./active-threads.ts";

const redis = new Redis(testRedisUrl);
const keyPrefix = randomPrefix();

afterAll(async () => {
  await deleteTestKeys(redis, keyPrefix);
  await redis.quit();
});

describe("active threads", () => {
  const thread = { teamId: "T1", channelId: "C1", threadTs: "1700000000.000100" };

  it("remembers a thread for about a week, apart from other threads and channels", async () => {
    expect(await isThreadActive(redis, thread, { keyPrefix })).toBe(false);
    await markThreadActive(redis, thread, { keyPrefix });
    expect(await isThreadActive(redis, thread, { keyPrefix })).toBe(true);
    expect(await isThreadActive(redis, { ...thread, channelId: "C2" }, { keyPrefix })).toBe(false);
    expect(await isThreadActive(redis, { ...thread, threadTs: "1700000000.000200" }, { keyPrefix })).toBe(
      false,
    );
    expect(await isThreadActive(redis, { ...thread, teamId: "T2" }, { keyPrefix })).toBe(false);
    const ttl = await redis.ttl(`${keyPrefix}:slack:thread:T1:C1:1700000000.000100`);
    expect(ttl).toBeGreaterThan(6 * 86_400);
    expect(ttl).toBeLessThanOrEqual(7 * 86_400);
  });
});
