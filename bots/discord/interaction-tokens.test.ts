import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { deleteTestKeys } from "#test/helpers/delete-test-keys.ts";
import { interactionTokenTtlSeconds, redisInteractionTokens } from "./interaction-tokens.ts";

const redis = new Redis("redis://127.0.0.1:6379", { lazyConnect: true });
const prefix = `test-tokens-${process.pid}-${Date.now()}`;

afterAll(async () => {
  await deleteTestKeys(redis, prefix);
  redis.disconnect();
});

describe("interaction tokens", () => {
  it("keeps a token for the worker under the queue prefix, expiring before Discord's 15 minutes", async () => {
    const tokens = redisInteractionTokens(redis, prefix);
    await tokens.save("900000000000000001", "aW50ZXJhY3Rpb24tdG9rZW4");
    expect(await tokens.load("900000000000000001")).toBe("aW50ZXJhY3Rpb24tdG9rZW4");
    const ttl = await redis.ttl(`${prefix}:discord:interaction:900000000000000001`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(interactionTokenTtlSeconds);
    expect(interactionTokenTtlSeconds).toBeLessThan(15 * 60);
  });

  it("has nothing for an interaction it never saw", async () => {
    expect(await redisInteractionTokens(redis, prefix).load("900000000000000002")).toBeUndefined();
  });
});
