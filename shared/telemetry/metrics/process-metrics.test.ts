import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#shared/db/database.ts";
import { createProducer } from "#shared/queue/enqueue.ts";
import { queueNames } from "#shared/queue/job-catalog.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { freePort } from "#test/helpers/free-port.ts";
import { parsePrometheusText, sampleValue } from "#test/helpers/prometheus-text.ts";
import { captureLogger, randomPrefix, sampleQuestion, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { type TestDatabaseLocation, testDatabaseBackends } from "#test/helpers/test-database-backends.ts";
import { createProcessMetrics } from "./process-metrics.ts";

const pglite = testDatabaseBackends.find((backend) => backend.kind === "pglite");

describe("createProcessMetrics (real Redis, PGlite)", () => {
  const logger = silentLogger();
  const redis = createRedisConnection(testRedisUrl, { role: "producer", logger });
  const prefix = randomPrefix();
  let location: TestDatabaseLocation;
  let database: Database;

  beforeAll(async () => {
    if (!pglite) throw new Error("no pglite backend");
    location = await pglite.createLocation();
    database = await location.open();
  });

  afterAll(async () => {
    await removeQueues(redis, prefix);
    await closeRedisConnection(redis);
    await database?.close();
    await location?.destroy();
  });

  const start = async (overrides: Partial<Parameters<typeof createProcessMetrics>[0]> = {}) => {
    const metrics = createProcessMetrics({
      port: await freePort(),
      host: "127.0.0.1",
      roles: ["answer"],
      redis: () => redis,
      queuePrefix: prefix,
      database: async () => database,
      logger,
      ...overrides,
    });
    return { ...metrics, port: await metrics.serve() };
  };

  it("serves every queue's depth and oldest waiting job, read from Redis at scrape", async () => {
    const producer = createProducer(redis, { prefix });
    await producer.enqueue("questions", sampleQuestion());
    await producer.enqueue("questions", sampleQuestion());
    await producer.close();
    const metrics = await start();
    try {
      const response = await fetch(`http://127.0.0.1:${metrics.port}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/plain");
      const samples = parsePrometheusText(await response.text());
      for (const queue of queueNames) {
        expect(sampleValue(samples, "sabio_queue_depth", { queue }), queue).toBeDefined();
        expect(sampleValue(samples, "sabio_queue_oldest_waiting_seconds", { queue }), queue).toBeDefined();
      }
      expect(sampleValue(samples, "sabio_queue_depth", { queue: "questions" })).toBe(2);
      expect(sampleValue(samples, "sabio_queue_depth", { queue: "embeddings" })).toBe(0);
      expect(
        sampleValue(samples, "sabio_queue_oldest_waiting_seconds", { queue: "questions" }),
      ).toBeGreaterThan(0);
      expect(sampleValue(samples, "sabio_queue_oldest_waiting_seconds", { queue: "embeddings" })).toBe(0);
    } finally {
      await metrics.close();
    }
  });

  it("/healthz is 200 with the roles and uptime while Redis and the database answer", async () => {
    const metrics = await start({ roles: ["answer", "sync"], uptimeSeconds: () => 42 });
    try {
      const response = await fetch(`http://127.0.0.1:${metrics.port}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ok", roles: ["answer", "sync"], uptime: 42 });
    } finally {
      await metrics.close();
    }
  });

  it("/healthz is 503 naming Redis when Redis is unreachable, and /metrics still answers without queue series", async () => {
    const closedPort = await freePort();
    const deadRedis = createRedisConnection(`redis://127.0.0.1:${closedPort}`, { role: "producer", logger });
    const metrics = await start({ redis: () => deadRedis, timeoutMs: 500 });
    try {
      const health = await fetch(`http://127.0.0.1:${metrics.port}/healthz`);
      expect(health.status).toBe(503);
      const report = (await health.json()) as { status: string; failed: { name: string }[] };
      expect(report.status).toBe("failing");
      expect(report.failed.map((failure) => failure.name)).toEqual(["redis"]);
      const scrape = await fetch(`http://127.0.0.1:${metrics.port}/metrics`);
      expect(scrape.status).toBe(200);
      const samples = parsePrometheusText(await scrape.text());
      expect(sampleValue(samples, "sabio_queue_depth")).toBeUndefined();
      expect(sampleValue(samples, "sabio_questions_total", { outcome: "generated" })).toBe(0);
    } finally {
      await metrics.close();
      await closeRedisConnection(deadRedis);
    }
  });

  it("a Redis that accepts connections but never answers cannot hang /healthz or /metrics", async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    const stuckRedis = createRedisConnection(`redis://127.0.0.1:${address.port}`, {
      role: "producer",
      logger,
    });
    const metrics = await start({ redis: () => stuckRedis, timeoutMs: 300 });
    try {
      const [health, scrape] = await Promise.all([
        fetch(`http://127.0.0.1:${metrics.port}/healthz`),
        fetch(`http://127.0.0.1:${metrics.port}/metrics`),
      ]);
      expect(health.status).toBe(503);
      expect(((await health.json()) as { failed: { name: string }[] }).failed.map((f) => f.name)).toEqual([
        "redis",
      ]);
      expect(scrape.status).toBe(200);
      expect(sampleValue(parsePrometheusText(await scrape.text()), "sabio_queue_depth")).toBeUndefined();
    } finally {
      await metrics.close();
      stuckRedis.disconnect();
      silent.close();
    }
  });

  it("/healthz is 503 naming the database when it does not answer", async () => {
    const metrics = await start({ database: async () => Promise.reject(new Error("connection refused")) });
    try {
      const health = await fetch(`http://127.0.0.1:${metrics.port}/healthz`);
      expect(health.status).toBe(503);
      const report = (await health.json()) as { failed: { name: string }[] };
      expect(report.failed.map((failure) => failure.name)).toEqual(["database"]);
    } finally {
      await metrics.close();
    }
  });

  it("METRICS_PORT=0 serves nothing", async () => {
    const { logger: captured, lines } = captureLogger();
    const metrics = await start({ port: 0, logger: captured });
    expect(metrics.port).toBeUndefined();
    expect(lines.some((line) => line.msg.includes("/metrics"))).toBe(false);
    await metrics.close();
  });

  it("a port in use is a warning, not a crash", async () => {
    const port = await freePort();
    const occupier: Server = createServer();
    await new Promise<void>((resolve) => occupier.listen(port, "127.0.0.1", resolve));
    const { logger: captured, lines } = captureLogger();
    try {
      const metrics = await start({ port, logger: captured });
      expect(metrics.port).toBeUndefined();
      const warning = lines.find((line) => line.level === 40 && line.msg.includes("METRICS_PORT is in use"));
      expect(warning).toMatchObject({ port, code: "EADDRINUSE" });
      // The series still count, so nothing upstream has to know the server is missing.
      metrics.telemetry.stripeWebhook({ type: "invoice.paid", outcome: "applied" });
      await metrics.close();
    } finally {
      await new Promise((resolve) => occupier.close(resolve));
    }
  });
});
