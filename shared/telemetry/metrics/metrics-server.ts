import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import type { Logger } from "#shared/log/logger.ts";
import type { HealthReport } from "./health-check.ts";

export interface MetricsServerOptions {
  /** 0 is not "any port" here: the caller leaves the server off for METRICS_PORT=0. */
  port: number;
  host?: string;
  registry: Registry;
  /** Time-bounded work before each scrape (queue depths from Redis). */
  beforeScrape(): Promise<void>;
  health(): Promise<HealthReport>;
  logger: Logger;
}

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * GET /metrics (Prometheus text format) and GET /healthz. A port already taken (another Sabio
 * process on this machine with the same METRICS_PORT) is a warning, not a crash: the roles matter
 * more than their metrics, so this resolves undefined and the process runs on unobserved.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer | undefined> {
  const { registry, logger } = options;
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    if (path === "/metrics") {
      void options
        .beforeScrape()
        .catch(() => {})
        .then(() => registry.metrics())
        .then(
          (text) => response.writeHead(200, { "content-type": registry.contentType }).end(text),
          (error: unknown) => {
            logger.warn(
              { err: error instanceof Error ? error.message : String(error) },
              "metrics scrape failed",
            );
            response.writeHead(500).end();
          },
        );
      return;
    }
    if (path === "/healthz") {
      void options.health().then((report) => {
        response
          .writeHead(report.status === "ok" ? 200 : 503, { "content-type": "application/json" })
          .end(JSON.stringify(report));
      });
      return;
    }
    response.writeHead(404).end();
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      logger.warn(
        { port: options.port, code: error.code },
        error.code === "EADDRINUSE"
          ? "METRICS_PORT is in use (another sabio process?): this process serves no /metrics or /healthz; give each process its own METRICS_PORT"
          : "could not serve /metrics and /healthz; the roles run on",
      );
      resolve(false);
    });
    server.listen(options.port, options.host, () => resolve(true));
  });
  if (!listening) return undefined;
  // Prometheus keeps connections alive between scrapes; they must not hold a shutdown open.
  server.keepAliveTimeout = 5_000;
  server.on("error", (error) => logger.warn({ err: error.message }, "metrics server error"));
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, "serving /metrics and /healthz");
  return {
    port,
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
