import { Redis } from "ioredis";
import type { Logger } from "../log/logger.ts";
import { redactUrl } from "../log/logger.ts";

/**
 * Who uses the connection decides how it behaves when Redis goes away:
 * - "worker": BullMQ blocks on Redis, so commands wait and retry forever (`maxRetriesPerRequest: null`,
 *   which BullMQ requires for the blocking connection it duplicates from this one).
 * - "producer": a bot must answer its platform within seconds, so commands fail at once while Redis
 *   is down (`enableOfflineQueue: false`) instead of piling up in memory.
 */
export type RedisRole = "worker" | "producer";

export interface RedisConnectionOptions {
  role: RedisRole;
  logger: Logger;
  /** Shown by `CLIENT LIST`, e.g. "sabio-answer". */
  name?: string;
}

/** How long one connection attempt may take before ioredis gives up on it and retries. */
const connectTimeoutMs = { worker: 10_000, producer: 3_000 } as const;

/**
 * Opens an ioredis connection for queues. The caller owns it: close it with
 * `closeRedisConnection` after the queues and workers that use it are closed. Errors are logged,
 * never thrown as unhandled events.
 */
export function createRedisConnection(url: string, options: RedisConnectionOptions): Redis {
  const role = options.role;
  const connection = new Redis(url, {
    connectTimeout: connectTimeoutMs[role],
    ...(role === "worker"
      ? { maxRetriesPerRequest: null }
      : // Note: with the offline queue off, BullMQ still waits for the *first* connection before a
        // Queue can add (bullmq docs, "Failing fast when Redis is down"); the producer guards that
        // with its own timeout.
        { enableOfflineQueue: false, maxRetriesPerRequest: 1 }),
    ...(options.name === undefined ? {} : { connectionName: options.name }),
  });
  logConnectionEvents(connection, redactUrl(url), role, options.logger);
  return connection;
}

/**
 * One warning when the connection breaks, one info line when it is back; the retries in between
 * (one every few seconds while Redis is down) go to debug so an outage does not flood the log.
 * The URL is logged without its password.
 */
function logConnectionEvents(connection: Redis, redis: string, role: RedisRole, logger: Logger): void {
  let failing = false;
  connection.on("error", (error: Error & { code?: string }) => {
    const fields = { redis, role, code: error.code, error: error.message };
    if (failing) {
      logger.debug(fields, "redis still unreachable");
    } else {
      failing = true;
      logger.warn(fields, "redis connection error");
    }
  });
  connection.on("ready", () => {
    if (failing) logger.info({ redis, role }, "redis connection restored");
    failing = false;
  });
}

/**
 * QUIT when connected, so replies in flight arrive first; otherwise just drop the socket (a
 * producer connection refuses QUIT before it is ready: its offline queue is off).
 */
export async function closeRedisConnection(connection: Redis): Promise<void> {
  if (connection.status === "ready") {
    await connection.quit();
  } else {
    connection.disconnect();
  }
}

/**
 * Whether Redis answers a PING within the timeout, on a fresh short-lived connection so that a
 * stuck shared connection cannot make a healthy server look down.
 */
export async function pingRedis(connection: Redis, timeoutMs = 2_000): Promise<boolean> {
  const probe = connection.duplicate({
    lazyConnect: true,
    enableOfflineQueue: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
    connectionName: "sabio-probe",
  });
  probe.on("error", () => {
    // The outcome is the return value; the caller logs.
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const answer = probe.ping().then(
      (reply) => reply === "PONG",
      () => false,
    );
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
    probe.disconnect();
  }
}
