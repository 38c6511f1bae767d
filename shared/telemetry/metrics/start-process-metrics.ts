import { sql } from "drizzle-orm";
import type { Redis } from "ioredis";
import type { Database } from "#shared/db/database.ts";
import type { Logger } from "#shared/log/logger.ts";
import { pingRedis } from "#shared/queue/redis-connection.ts";
import { noTelemetry, type Telemetry } from "../telemetry.ts";
import { checkHealth, type DependencyCheck } from "./health-check.ts";
import { startMetricsServer } from "./metrics-server.ts";
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
  /** The port actually served, or undefined (off, or the port was taken). */
  port: number | undefined;
  close(): Promise<void>;
}

/** /metrics and /healthz for one `sabio start` process (see the README, "Metrics (Prometheus)"). */
export async function startProcessMetrics(options: ProcessMetricsOptions): Promise<ProcessMetrics> {
  if (options.port === 0) return { telemetry: noTelemetry, port: undefined, close: async () => {} };
  const timeoutMs = options.timeoutMs ?? 2_000;
  const uptimeSeconds = options.uptimeSeconds ?? (() => process.uptime());
  const metrics = createSabioMetrics();
  const queues = createQueueMetrics({
    connection: options.redis(),
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
  const server = await startMetricsServer({
    port: options.port,
    ...(options.host === undefined ? {} : { host: options.host }),
    registry: metrics.registry,
    beforeScrape: () => queues.refresh(),
    health: () => checkHealth(checks, { roles: options.roles, uptimeSeconds: uptimeSeconds(), timeoutMs }),
    logger: options.logger,
  });
  return {
    telemetry: metricsTelemetry(metrics),
    port: server?.port,
    async close() {
      await server?.close();
      await queues.close();
    },
  };
}
