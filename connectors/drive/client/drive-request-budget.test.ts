import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRedisConnection } from "#shared/queue/redis-connection.ts";
import { waitFor } from "#shared/rate-limit/in-process-rate-limiter.ts";
import type { RateLimiter } from "#shared/rate-limit/redis-rate-limiter.ts";
import { standInDriveClient, standInGrant } from "#test/drive/stand-in-drive-client.ts";
import { randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { type DriveStandIn, startDriveStandIn } from "#test/stand-ins/drive/drive-server.ts";
import type { DriveOAuthCredential } from "./drive-credential.ts";
import { createDriveRequestLimiter, driveRequestBudget } from "./drive-request-budget.ts";

const perSecond = 50;
const burst = 2;
const intervalMs = 1000 / perSecond;

/** What each reservation was told to wait, as the limiter answered it (Redis' clock, not ours). */
function recording(limiter: RateLimiter, waits: number[]): RateLimiter {
  return {
    reserve: limiter.reserve,
    pause: limiter.pause,
    async acquire(key, signal) {
      const wait = await limiter.reserve(key);
      waits.push(wait);
      await waitFor(wait, signal);
    },
  };
}

describe("driveRequestBudget: one budget per credential, shared through Redis", () => {
  let standIn: DriveStandIn;
  const connections: Redis[] = [];
  const prefix = randomPrefix();

  beforeEach(async () => {
    standIn = await startDriveStandIn();
    standIn.addDoc({ name: "Handbook", markdown: "# Hi" });
  });
  afterEach(() => standIn.close());
  afterAll(async () => {
    const cleaner = createRedisConnection(testRedisUrl, { role: "worker", logger: silentLogger() });
    const keys = await cleaner.keys(`${prefix}:*`);
    if (keys.length > 0) await cleaner.del(...keys);
    cleaner.disconnect();
    for (const connection of connections) connection.disconnect();
  });

  /** A client as one worker process builds it: its own Redis connection and limiter. */
  const worker = (
    credential: DriveOAuthCredential,
    waits: number[],
    sleep: (ms: number) => Promise<void> = async () => {},
  ) => {
    const redis = createRedisConnection(testRedisUrl, { role: "worker", logger: silentLogger() });
    connections.push(redis);
    const limiter = createDriveRequestLimiter({ redis, prefix, logger: silentLogger(), perSecond, burst });
    return standInDriveClient(standIn, credential, {
      fetchFor: driveRequestBudget(recording(limiter, waits)),
      retry: { sleep },
    });
  };
  const about = (api: ReturnType<typeof worker>) => api.about.get({ fields: "user(emailAddress)" });

  it("spaces two workers on the same credential as one: the later bookings wait for the other's", async () => {
    const grant = await standInGrant(standIn, { budgetKey: `drive:${prefix}:same` });
    const [firstWaits, secondWaits]: [number[], number[]] = [[], []];
    const first = worker(grant, firstWaits);
    const second = worker(grant, secondWaits);
    const each = 10;
    await Promise.all([
      ...Array.from({ length: each }, () => about(first)),
      ...Array.from({ length: each }, () => about(second)),
    ]);
    expect(standIn.callsTo("about.get 200")).toHaveLength(2 * each);
    // Alone, each would wait at most (10 - burst) intervals; sharing one budget the last waits
    // ~(20 - burst). Only the lower bound is asserted: on a loaded machine the bookings themselves
    // take time, which shortens every later wait.
    expect(Math.max(...firstWaits, ...secondWaits)).toBeGreaterThan((each - burst) * intervalMs);
  });

  it("keeps separate credentials apart", async () => {
    const [firstWaits, secondWaits]: [number[], number[]] = [[], []];
    const first = worker(await standInGrant(standIn, { budgetKey: `drive:${prefix}:a` }), firstWaits);
    const second = worker(await standInGrant(standIn, { budgetKey: `drive:${prefix}:b` }), secondWaits);
    await Promise.all(Array.from({ length: 10 }, (_, index) => about(index % 2 === 0 ? first : second)));
    expect(Math.max(...firstWaits, ...secondWaits)).toBeLessThanOrEqual((5 - burst) * intervalMs);
  });

  it("holds every worker on the credential back after a 403 rate limit's Retry-After", async () => {
    const grant = await standInGrant(standIn, { budgetKey: `drive:${prefix}:paused` });
    const [firstWaits, secondWaits, firstSleeps]: [number[], number[], number[]] = [[], [], []];
    const second = worker(grant, secondWaits);
    // While the first worker waits out its 403, the second one asks: it must wait too.
    const first = worker(grant, firstWaits, async (ms) => {
      firstSleeps.push(ms);
      await about(second);
    });
    standIn.failNext("about.get", { rateLimit: "userRateLimitExceeded", retryAfter: 1 });
    await about(first);
    expect(firstSleeps).toEqual([1_000]);
    // The pause was booked in Redis by the first worker; the second was told to wait it out.
    expect(secondWaits).toHaveLength(1);
    expect(secondWaits[0]).toBeGreaterThan(900);
    expect(standIn.callsTo("about.get").map((call) => call.status)).toEqual([403, 200, 200]);
  });
});
