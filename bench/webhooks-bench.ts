import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import pg from "pg";
import Stripe from "stripe";
import { createWebApp } from "../cli/roles/web-role.ts";
import { redisOAuthStateLedger } from "../connectors/oauth/oauth-state-ledger.ts";
import { envSchema } from "../shared/config/env.ts";
import { openDatabase } from "../shared/db/open-database.ts";
import { billingAccounts } from "../shared/db/schema.ts";
import { createLogger } from "../shared/log/logger.ts";
import { createProducer } from "../shared/queue/enqueue.ts";
import { closeRedisConnection, createRedisConnection } from "../shared/queue/redis-connection.ts";

/**
 * Stripe webhook throughput against the web role's real HTTP server: `workspaces` subscribed
 * workspaces each get `eventsPerWorkspace` signed customer.subscription.updated events (every one a
 * status change, newer than the last), posted by `concurrency` clients; then the same events again,
 * all duplicates. Events/s = deliveries answered 200 per second of wall time, signature check and
 * transaction included.
 */

export interface WebhooksBenchOptions {
  redisUrl: string;
  /** PostgreSQL to measure (a random schema, dropped after); without it only PGlite runs. */
  databaseUrl?: string | undefined;
  workspaces?: number;
  eventsPerWorkspace?: number;
  concurrency?: number;
}

export interface WebhooksBenchRow {
  database: "pglite" | "postgres";
  events: number;
  appliedPerSecond: number;
  duplicatesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  applied: number;
  /** Overtaken by the same workspace's newer event in flight: recorded, not applied. */
  stale: number;
  duplicates: number;
}

const secret = "whsec_bench_webhooks";

export async function runWebhooksBench(options: WebhooksBenchOptions): Promise<WebhooksBenchRow[]> {
  const rows = [await benchOne(options, "pglite")];
  if (options.databaseUrl) rows.push(await benchOne(options, "postgres"));
  return rows;
}

async function benchOne(
  options: WebhooksBenchOptions,
  kind: "pglite" | "postgres",
): Promise<WebhooksBenchRow> {
  const workspaces = options.workspaces ?? 100;
  const eventsPerWorkspace = options.eventsPerWorkspace ?? 10;
  const concurrency = options.concurrency ?? 16;
  const logger = createLogger({ level: "warn" });
  const dataDir = await mkdtemp(join(tmpdir(), "sabio-bench-webhooks-"));
  const schema = `bench_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const database = await openDatabase(
    kind === "postgres" ? { databaseUrl: options.databaseUrl, dataDir, schema, logger } : { dataDir },
  );
  const redis = createRedisConnection(options.redisUrl, { role: "producer", logger });
  const prefix = `sabio-bench-${randomUUID().slice(0, 8)}`;
  const env = envSchema.parse({
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: prefix,
    STRIPE_WEBHOOK_SECRET: secret,
  });
  const app = createWebApp({
    env,
    db: database.db,
    ledger: redisOAuthStateLedger(redis, prefix),
    producer: createProducer(redis, { prefix }),
    logger,
  });
  const server = createAdaptorServer({ fetch: app.fetch });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`;
  try {
    const accounts = Array.from({ length: workspaces }, (_, index) => ({
      workspaceId: `bench-ws-${index}`,
      customerId: `cus_bench_${index}`,
      subscriptionId: `sub_bench_${index}`,
      subscriptionStatus: "active",
    }));
    await database.db.insert(billingAccounts).values(accounts);
    const base = Math.floor(Date.now() / 1000) - 3600;
    const deliveries = accounts.flatMap((account, index) =>
      Array.from({ length: eventsPerWorkspace }, (_, k) => signed(account, index, k, base)),
    );
    // Interleave workspaces, as Stripe would; each workspace's own events stay in order.
    deliveries.sort((a, b) => a.order - b.order);
    const first = await postAll(endpoint, deliveries, concurrency);
    const again = await postAll(endpoint, deliveries, concurrency);
    return {
      database: kind,
      events: deliveries.length,
      appliedPerSecond: first.count("applied") / first.seconds,
      duplicatesPerSecond: again.count("duplicate") / again.seconds,
      p50Ms: first.percentile(0.5),
      p99Ms: first.percentile(0.99),
      applied: first.count("applied"),
      stale: first.count("stale"),
      duplicates: again.count("duplicate"),
    };
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await closeRedisConnection(redis);
    await database.close();
    if (kind === "postgres") await dropSchema(options.databaseUrl ?? "", schema);
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface Delivery {
  payload: string;
  signature: string;
  order: number;
}

function signed(
  account: { customerId: string; subscriptionId: string },
  index: number,
  k: number,
  base: number,
): Delivery {
  const payload = JSON.stringify({
    id: `evt_bench_${index}_${k}`,
    object: "event",
    type: "customer.subscription.updated",
    created: base + k,
    data: {
      object: {
        id: account.subscriptionId,
        object: "subscription",
        customer: account.customerId,
        status: k % 2 === 0 ? "past_due" : "active",
        trial_end: null,
        metadata: {},
        items: {
          object: "list",
          data: [{ id: `si_bench_${index}`, current_period_end: base + 30 * 86_400 }],
        },
      },
    },
  });
  return {
    payload,
    signature: Stripe.webhooks.generateTestHeaderString({ payload, secret }),
    order: k * 1_000_000 + index,
  };
}

/** Posts every delivery in list order with `concurrency` in flight (a workspace's next event is `workspaces` deliveries later). */
async function postAll(endpoint: string, deliveries: Delivery[], concurrency: number) {
  const outcomes = new Map<string, number>();
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < deliveries.length) {
        const delivery = deliveries[next++];
        if (!delivery) break;
        const sent = performance.now();
        const response = await fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json", "stripe-signature": delivery.signature },
          body: delivery.payload,
        });
        const body = (await response.json()) as { outcome?: string };
        latencies.push(performance.now() - sent);
        const outcome = response.status === 200 ? (body.outcome ?? "?") : `http ${response.status}`;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    seconds,
    count: (outcome: string) => outcomes.get(outcome) ?? 0,
    percentile: (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0,
  };
}

async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

export function formatWebhooksBench(rows: WebhooksBenchRow[]): string {
  const lines = ["Stripe webhooks → web role (signature + one transaction per event), 16 clients"];
  for (const row of rows) {
    lines.push(
      `  ${row.database.padEnd(8)} ${row.events} events: ${Math.round(row.appliedPerSecond)} applied/s (p50 ${row.p50Ms.toFixed(1)} ms, p99 ${row.p99Ms.toFixed(1)} ms), ${Math.round(row.duplicatesPerSecond)} duplicates/s; applied ${row.applied}, stale ${row.stale}, duplicates ${row.duplicates}`,
    );
  }
  return lines.join("\n");
}
