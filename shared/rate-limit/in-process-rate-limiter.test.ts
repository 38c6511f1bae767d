import { describe, expect, it } from "vitest";
import { createInProcessRateLimiter } from "./in-process-rate-limiter.ts";

describe("createInProcessRateLimiter", () => {
  it("lets a burst through, then spaces requests; a pause holds the key back; keys are separate", async () => {
    let now = 1_000_000;
    const limiter = createInProcessRateLimiter({ perSecond: 4, burst: 2 }, { now: () => now });
    expect([await limiter.reserve("a"), await limiter.reserve("a"), await limiter.reserve("a")]).toEqual([
      0, 0, 250,
    ]);
    now += 1_000;
    await limiter.pause("a", 3_000);
    expect(await limiter.reserve("a")).toBe(3_000);
    // A shorter pause does not cut the longer one short.
    await limiter.pause("a", 10);
    expect(await limiter.reserve("a")).toBe(3_250);
    expect(await limiter.reserve("b")).toBe(0);
  });
});
