import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRedisConnection } from "#shared/queue/redis-connection.ts";
import { freePort } from "#test/helpers/free-port.ts";
import { captureLogger, randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { type NotionStandIn, startNotionStandIn } from "#test/stand-ins/notion-server.ts";
import { createNotionClient } from "./create-notion-client.ts";
import { notionRequestBudget, notionRequestBurst } from "./notion-request-budget.ts";

const perSecond = 20;
const intervalMs = 1000 / perSecond;

/**
 * The limiter books slots, so n requests under one budget are let through over at least
 * (n - burst) intervals. One interval less is asserted, for timer rounding. Measured where the
 * limiter lets each request go (the fetch it calls), not where the stand-in sees it arrive: a first
 * request slowed by connection setup on a loaded machine would otherwise shrink the span.
 */
const minimumSpanMs = (requests: number) => (requests - notionRequestBurst - 1) * intervalMs;

describe("notionRequestBudget", () => {
  let notion: NotionStandIn;
  const connections: Redis[] = [];
  const prefix = randomPrefix();

  let released: number[] = [];

  beforeEach(async () => {
    notion = await startNotionStandIn();
    released = [];
    const realFetch = globalThis.fetch;
    // The budget's fetch calls the global fetch once the limiter lets a request go.
    vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
      released.push(performance.now());
      return realFetch(input, init);
    });
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await notion?.close();
  });

  afterAll(async () => {
    const cleaner = createRedisConnection(testRedisUrl, { role: "worker", logger: silentLogger() });
    const keys = await cleaner.keys(`${prefix}:*`);
    if (keys.length > 0) await cleaner.del(...keys);
    cleaner.disconnect();
    for (const connection of connections) connection.disconnect();
  });

  const redis = () => {
    const connection = createRedisConnection(testRedisUrl, { role: "worker", logger: silentLogger() });
    connections.push(connection);
    return connection;
  };

  /** A client the way a worker builds one: its own budget object, spending for the stand-in's token. */
  const clientWith = (fetchFor: (credentialKey: string) => typeof fetch) =>
    createNotionClient({
      token: notion.token,
      baseUrl: notion.url,
      fetch: fetchFor(`notion:${notion.token}`),
    });

  const span = () => Math.max(...released) - Math.min(...released);

  it("keeps two clients sharing one Redis budget under the rate together", async () => {
    // Two processes' worth: separate budgets and Redis connections, one prefix and token.
    const first = clientWith(
      notionRequestBudget({ redis: redis(), perSecond, prefix, logger: silentLogger() }),
    );
    const second = clientWith(
      notionRequestBudget({ redis: redis(), perSecond, prefix, logger: silentLogger() }),
    );
    const each = 20;
    await Promise.all([
      ...Array.from({ length: each }, () => first.users.me({})),
      ...Array.from({ length: each }, () => second.users.me({})),
    ]);
    expect(notion.requests.filter((request) => request.status === 200)).toHaveLength(2 * each);
    // Each alone would need only (20 - burst) intervals; together they need twice that.
    expect(span()).toBeGreaterThanOrEqual(minimumSpanMs(2 * each));
  });

  it("limits a run without Redis on its own, at the same rate", async () => {
    const client = clientWith(
      notionRequestBudget({ redis: undefined, perSecond, prefix, logger: silentLogger() }),
    );
    await Promise.all(Array.from({ length: 12 }, () => client.users.me({})));
    expect(notion.requests).toHaveLength(12);
    expect(span()).toBeGreaterThanOrEqual(minimumSpanMs(12));
  });

  it("falls back to its own limit with one warning when Redis is down, and the requests succeed", async () => {
    const { logger, lines } = captureLogger();
    const down = createRedisConnection(`redis://127.0.0.1:${await freePort()}`, {
      role: "worker",
      logger: silentLogger(),
    });
    connections.push(down);
    const client = clientWith(
      notionRequestBudget({ redis: down, perSecond, prefix, logger, redisTimeoutMs: 200 }),
    );
    await Promise.all(Array.from({ length: 12 }, () => client.users.me({})));
    await client.users.me({});
    expect(notion.requests.filter((request) => request.status === 200)).toHaveLength(13);
    expect(span()).toBeGreaterThanOrEqual(minimumSpanMs(13));
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toMatch(/Redis is unreachable/);
  });
});
