import { sql } from "drizzle-orm";
import type { Redis } from "ioredis";
import type { Database } from "#shared/db/database.ts";
import type { Logger } from "#shared/log/logger.ts";
import { pingRedis } from "#shared/queue/redis-connection.ts";
import { noTelemetry, type Telemetry } from "../telemetry.ts";
import { checkHealth, type DependencyCheck } from "./health-check.ts";
import { type MetricsServer, startMetricsServer } from "./metrics-server.ts";
import { metricsTelemetry } from "./metrics-telemetry.ts";
import { createQueueMetrics } from "./queue-metrics.ts";
import { createSabioMetrics } from "./sabio-metrics.ts";

export interface ProcessMetricsOptions {
  /** METRICS_PORT; 0 = no server and no series. */
  port: number;
  host?: string;
  /** The roles this process runs, shown by /healthz. */
  roles: string[];
  /** The process's fail-fast (producer) Redis connection: queue depths and the health ping. */
  redis(): Redis;
  queuePrefix: string;
  /** The process's database, checked by /healthz. */
  database(): Promise<Database>;
  logger: Logger;
  /** Seconds since the process started. */
  uptimeSeconds?: () => number;
  /** Bound on each /healthz check and on the queue read of each scrape. */
  timeoutMs?: number;
}

export interface ProcessMetrics {
  /** Feeds the series; combine it with the other observers on the telemetry seam. */
  telemetry: Telemetry;
  /** Starts serving; resolves with the port, or undefined (off, or the port was taken). */
  serve(): Promise<number | undefined>;
  /** Stops serving (safe before `serve` and more than once). */
  close(): Promise<void>;
}

/**
 * /metrics and /healthz for one `sabio start` process (see the README, "Metrics (Prometheus)").
 * The telemetry exists at once so roles can be given it; the server starts when `serve` is called.
 */
export function createProcessMetrics(options: ProcessMetricsOptions): ProcessMetrics {
  if (options.port === 0) {
    return { telemetry: noTelemetry, serve: async () => undefined, close: async () => {} };
  }
  const timeoutMs = options.timeoutMs ?? 2_000;
  const uptimeSeconds = options.uptimeSeconds ?? (() => process.uptime());
  const metrics = createSabioMetrics();
  const queues = createQueueMetrics({
    connection: options.redis,
    prefix: options.queuePrefix,
    metrics,
    timeoutMs,
  });
  const checks: DependencyCheck[] = [
    {
      name: "redis",
      async check() {
        if (!(await pingRedis(options.redis(), timeoutMs))) throw new Error("redis did not answer PING");
      },
    },
    {
      name: "database",
      async check() {
        const database = await options.database();
        await database.db.execute(sql`select 1`).catch(() => {
          throw new Error("database did not answer select 1");
        });
      },
    },
  ];
  let server: Promise<MetricsServer | undefined> | undefined;
  return {
    telemetry: metricsTelemetry(metrics),
    async serve() {
      server ??= startMetricsServer({
        port: options.port,
        ...(options.host === undefined ? {} : { host: options.host }),
        registry: metrics.registry,
        beforeScrape: () => queues.refresh(),
        health: () =>
          checkHealth(checks, { roles: options.roles, uptimeSeconds: uptimeSeconds(), timeoutMs }),
        logger: options.logger,
      });
      return (await server)?.port;
    },
    async close() {
      await (await server)?.close();
      await queues.close();
    },
  };
}
