import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ErrorCode } from "#shared/errors/app-error.ts";
import { createRedisRateLimiter, rateLimitedFetch } from "#shared/rate-limit/redis-rate-limiter.ts";
import { testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { type NotionStandIn, startNotionStandIn } from "#test/stand-ins/notion-server.ts";
import { createNotionClient, notionRateLimitRetries } from "./create-notion-client.ts";
import { toNotionError } from "./notion-error.ts";
import { notionRetryDefaults } from "./retry-notion-requests.ts";

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

describe("createNotionClient retries", () => {
  let notion: NotionStandIn;
  const waits: number[] = [];
  /** Backoff recorded instead of slept: the waits asked for are what the test checks. */
  const retry = {
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  };

  beforeEach(async () => {
    notion = await startNotionStandIn();
    waits.length = 0;
  });

  afterEach(async () => {
    await notion?.close();
  });

  const client = () => createNotionClient({ token: notion.token, baseUrl: notion.url, retry });
  const statuses = (path: string) =>
    notion.requests.filter((request) => request.path.endsWith(path)).map((request) => request.status);

  it("retries 500, 502 and 504 on search, a POST the SDK gives up on", async () => {
    notion.addPage({ title: "Parking", parent: { workspace: true } });
    notion.failNext("/v1/search", { status: 500 });
    notion.failNext("/v1/search", { status: 502 });
    notion.failNext("/v1/search", { status: 504 });
    const found = await client().search({});
    expect(found.results).toHaveLength(1);
    expect(statuses("/v1/search")).toEqual([500, 502, 504, 200]);
    expect(waits).toHaveLength(3);
    // Exponential: each wait's range starts where the previous one's ended.
    expect(waits[1]).toBeGreaterThanOrEqual(waits[0] ?? 0);
    expect(waits[2]).toBeGreaterThanOrEqual(waits[1] ?? 0);
  });

  it("retries a data-source query, waiting what Retry-After asks for", async () => {
    const { dataSourceIds } = notion.addDatabase({
      title: "Tickets",
      parent: { workspace: true },
      dataSources: [{ name: "Tickets" }],
    });
    const tickets = dataSourceIds[0] ?? "";
    notion.addRow(tickets, { title: "Printer jam" });
    notion.failNext("/query", { status: 503, retryAfter: 2 });
    const rows = await client().dataSources.query({ data_source_id: tickets });
    expect(rows.results).toHaveLength(1);
    expect(statuses("/query")).toEqual([503, 200]);
    expect(waits).toEqual([2000]);
  });

  it("retries a dropped connection, a 502 and a 503 on GET", async () => {
    const page = notion.addPage({ title: "Parking", parent: { workspace: true } }).id;
    notion.failNext("/children", { status: "reset" });
    notion.failNext("/children", { status: 502 });
    notion.failNext("/children", { status: 503 });
    const children = await client().blocks.children.list({ block_id: page });
    expect(children.results).toEqual([]);
    expect(statuses("/children")).toEqual([0, 502, 503, 200]);
  });

  it("gives a try that hangs up its time limit, and reports a timeout", async () => {
    const page = notion.addPage({ title: "Parking", parent: { workspace: true } }).id;
    notion.setLatency(300);
    let tries = 0;
    const counting: typeof fetch = (input, init) => {
      tries += 1;
      return fetch(input, init);
    };
    const slow = createNotionClient({
      token: notion.token,
      baseUrl: notion.url,
      retry,
      timeoutMs: 50,
      fetch: counting,
    });
    const failure = await slow.blocks.children
      .list({ block_id: page })
      .catch((error: unknown) => toNotionError(error));
    expect(failure).toMatchObject({ code: ErrorCode.Timeout, retryable: true });
    // A try that hung is not repeated.
    expect(tries).toBe(1);
  });

  it("waits out more 429s than the limit allows, then reports the rate limit", async () => {
    notion.rateLimitStorm(notionRateLimitRetries + 1, 0);
    const failure = await client()
      .users.me({})
      .catch((error: unknown) => toNotionError(error));
    expect(failure).toMatchObject({ code: ErrorCode.RateLimited, retryable: true });
    expect(statuses("/v1/users/me")).toHaveLength(notionRateLimitRetries + 1);
  });

  it("gives up after a bounded number of tries and reports the last failure", async () => {
    notion.failNext("/v1/search", { status: 503 }, notionRetryDefaults.failureRetries + 2);
    const failure = await client()
      .search({})
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 503, code: "service_unavailable" });
    expect(statuses("/v1/search")).toHaveLength(notionRetryDefaults.failureRetries + 1);
  });

  it("never repeats a POST that writes", async () => {
    notion.failNext("/v1/pages", { status: 500 });
    const failure = await client()
      .pages.create({ parent: { page_id: "00000000-0000-4000-8000-000000000000" }, properties: {} })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 500 });
    expect(statuses("/v1/pages")).toEqual([500]);
  });

  it("rides out more 429s in a row than the SDK's default retries", async () => {
    notion.rateLimitStorm(notionRateLimitRetries, 0);
    const me = await client().users.me({});
    expect(me).toMatchObject({ type: "bot" });
    expect(statuses("/v1/users/me")).toEqual([...Array(notionRateLimitRetries).fill(429), 200]);
  });

  it("retries a 529 (overloaded) on a POST", async () => {
    notion.failNext("/v1/search", { status: 529, retryAfter: 0 }, 2);
    await client().search({});
    expect(statuses("/v1/search")).toEqual([529, 529, 200]);
  });
});
