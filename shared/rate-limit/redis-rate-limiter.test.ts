import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { testRedisUrl } from "../queue/queue-test-kit.ts";
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
    const waits = [];
    for (let index = 0; index < 6; index += 1) waits.push(await limiter.reserve("token-a"));
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    // Slots 4–6 are booked about 1/3 s apart (Redis' clock moves a little between calls).
    expect(waits[3]).toBeGreaterThan(250);
    expect(waits[3]).toBeLessThanOrEqual(334);
    expect((waits[5] ?? 0) - (waits[3] ?? 0)).toBeGreaterThan(600);
  });

  it("shares one budget between processes (two connections), and none between keys", async () => {
    const one = createRedisRateLimiter(first, { perSecond: 2, burst: 1 }, { prefix });
    const two = createRedisRateLimiter(second, { perSecond: 2, burst: 1 }, { prefix });
    expect(await one.reserve("token-b")).toBe(0);
    expect(await two.reserve("token-b")).toBeGreaterThan(400);
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
});
