import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testRedisUrl } from "#shared/queue/queue-test-kit.ts";
import { createRedisRateLimiter, rateLimitedFetch } from "#shared/rate-limit/redis-rate-limiter.ts";
import { type NotionStandIn, startNotionStandIn } from "#test/stand-ins/notion-server.ts";
import { createNotionClient } from "./create-notion-client.ts";

describe("createNotionClient with the shared rate limiter", () => {
  let notion: NotionStandIn;
  const redis = new Redis(testRedisUrl);
  const prefix = `sabio-test-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    notion = await startNotionStandIn();
  });

  afterAll(async () => {
    await notion?.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it("spaces its requests by the budget shared through Redis", async () => {
    const limiter = createRedisRateLimiter(redis, { perSecond: 2, burst: 1 }, { prefix });
    const client = createNotionClient({
      token: notion.token,
      baseUrl: notion.url,
      fetch: rateLimitedFetch(limiter, notion.token),
    });
    await client.users.me({});
    await client.users.me({});
    const [first, second] = notion.requests.filter((request) => request.path === "/v1/users/me");
    expect(second).toBeDefined();
    // 2 requests/s with no burst: the second may not go before ~half a second after the first.
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(400);
  });
});
