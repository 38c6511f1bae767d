import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { createRedisRateLimiter, rateLimitedFetch } from "./redis-rate-limiter.ts";

describe("createRedisRateLimiter (real Redis)", () => {
  const prefix = `sabio-test-${randomUUID().slice(0, 8)}`;
  const first = new Redis(testRedisUrl);
  const second = new Redis(testRedisUrl);

  afterAll(async () => {
    const keys = await first.keys(`${prefix}:*`);
    if (keys.length > 0) await first.del(...keys);
    first.disconnect();
    second.disconnect();
  });

  it("lets a burst through, then spaces calls at the average rate", async () => {
    const limiter = createRedisRateLimiter(first, { perSecond: 3, burst: 3 }, { prefix });
    const start = performance.now();
    const waits: number[] = [];
    /** When each booked slot opens, in ms after `start`: independent of how slow the machine is. */
    const opens: number[] = [];
    for (let index = 0; index < 6; index += 1) {
      const wait = await limiter.reserve("token-a");
      waits.push(wait);
      opens.push(performance.now() - start + wait);
    }
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    // Slots 4–6 open 1/3, 2/3 and 1 s after the first call.
    expect(waits[3]).toBeLessThanOrEqual(334);
    expect(opens[3]).toBeGreaterThan(320);
    expect(opens[5]).toBeGreaterThan(980);
  });

  it("shares one budget between processes (two connections), and none between keys", async () => {
    const one = createRedisRateLimiter(first, { perSecond: 2, burst: 1 }, { prefix });
    const two = createRedisRateLimiter(second, { perSecond: 2, burst: 1 }, { prefix });
    const start = performance.now();
    expect(await one.reserve("token-b")).toBe(0);
    const wait = await two.reserve("token-b");
    expect(performance.now() - start + wait).toBeGreaterThan(480);
    expect(await two.reserve("token-c")).toBe(0);
  });

  it("keeps credentials out of Redis keys", async () => {
    const limiter = createRedisRateLimiter(first, { perSecond: 3, burst: 3 }, { prefix });
    await limiter.reserve("secret_notion_token_123");
    const keys = await first.keys(`${prefix}:*`);
    expect(keys.join(" ")).not.toContain("secret_notion_token_123");
  });

  it("wraps fetch so every request takes a slot", async () => {
    const limiter = createRedisRateLimiter(first, { perSecond: 1, burst: 2 }, { prefix });
    let calls = 0;
    const wrapped = rateLimitedFetch(limiter, "token-d", async () => {
      calls += 1;
      return new Response("ok");
    });
    const start = performance.now();
    await wrapped("http://example.invalid/a");
    await wrapped("http://example.invalid/b");
    expect(calls).toBe(2);
    // The burst of two is spent: the next slot is about a second after the first request, however
    // long this machine took to get here.
    const wait = await limiter.reserve("token-d");
    expect(wait + (performance.now() - start)).toBeGreaterThan(900);
  });

  it("a pause holds back every process sharing the budget", async () => {
    const one = createRedisRateLimiter(first, { perSecond: 10, burst: 3 }, { prefix });
    const two = createRedisRateLimiter(second, { perSecond: 10, burst: 3 }, { prefix });
    const start = performance.now();
    await one.pause("token-e", 2_000);
    const wait = await two.reserve("token-e");
    expect(performance.now() - start + wait).toBeGreaterThan(1_950);
    // A shorter pause later does not cut the longer one short.
    await two.pause("token-e", 100);
    expect(performance.now() - start + (await one.reserve("token-e"))).toBeGreaterThan(1_950);
  });

  it("a 429 with Retry-After pauses the budget for everyone", async () => {
    const limiter = createRedisRateLimiter(first, { perSecond: 10, burst: 3 }, { prefix });
    const other = createRedisRateLimiter(second, { perSecond: 10, burst: 3 }, { prefix });
    const wrapped = rateLimitedFetch(
      limiter,
      "token-f",
      async () => new Response("slow down", { status: 429, headers: { "retry-after": "2" } }),
    );
    const start = performance.now();
    expect((await wrapped("http://example.invalid/a")).status).toBe(429);
    expect(performance.now() - start + (await other.reserve("token-f"))).toBeGreaterThan(1_950);
  });
});
