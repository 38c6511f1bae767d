import { join } from "node:path";
import type { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { type Env, envSchema } from "#shared/config/env.ts";
import type { Db } from "#shared/db/database.ts";
import type { Logger } from "#shared/log/logger.ts";
import { createProducer, type Producer } from "#shared/queue/enqueue.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { freePort } from "#test/helpers/free-port.ts";
import { captureLogger, type LogLine, randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import type { Output } from "../output.ts";
import { createServices, type Services } from "../services.ts";
import type { RunningRole } from "./role.ts";
import { startWebRole } from "./web-role.ts";

const quiet: Output = { out: () => {}, note: () => {}, write: () => {} };

export interface WebRoleKit {
  /** Where the role listens, `http://127.0.0.1:<port>` (also its PUBLIC_URL). */
  readonly base: string;
  readonly env: Env;
  readonly services: Services;
  readonly db: Db;
  /** The fail-fast connection the role enqueues on. */
  readonly redis: Redis;
  /** A worker connection for the test to read the queues with. */
  readonly inspector: Redis;
  readonly producer: Producer;
  /** This suite's random queue prefix (QUEUE_PREFIX). */
  readonly prefix: string;
  readonly logger: Logger;
  /** Every line logged so far. */
  readonly lines: LogLine[];
}

/**
 * What the web role tests share: before the enclosing suite, the real web role on a free port with
 * a temporary DATA_DIR (PGlite), Redis under a random prefix, and `variables()` (read then, so
 * stand-ins started in an earlier beforeAll can be named) on top; after it, all closed and removed.
 */
export function useWebRole(variables: () => Record<string, string | undefined>): WebRoleKit {
  const prefix = randomPrefix();
  const { logger, lines } = captureLogger();
  const redis = createRedisConnection(testRedisUrl, { role: "producer", logger });
  const inspector = createRedisConnection(testRedisUrl, { role: "worker", logger });
  // Filled in as it starts, so a failed start still closes what it opened.
  const started: Partial<{
    temp: Awaited<ReturnType<typeof makeTempDir>>;
    base: string;
    env: Env;
    services: Services;
    db: Db;
    producer: Producer;
    role: RunningRole;
  }> = {};

  beforeAll(async () => {
    started.temp = await makeTempDir();
    const port = await freePort();
    started.base = `http://127.0.0.1:${port}`;
    started.env = envSchema.parse({
      DATA_DIR: join(started.temp.path, "data"),
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: prefix,
      WEB_PORT: String(port),
      PUBLIC_URL: started.base,
      ...variables(),
    });
    const services = createServices(started.env, logger);
    started.services = services;
    const producer = createProducer(redis, { prefix });
    started.producer = producer;
    started.role = await startWebRole({
      services,
      output: quiet,
      workerRedis: () => inspector,
      producerRedis: () => redis,
      producer: () => producer,
      platforms: {},
    });
    await started.role.ready();
    started.db = (await services.database()).db;
  });

  afterAll(async () => {
    await started.role?.close();
    await started.producer?.close();
    await removeQueues(inspector, prefix);
    await closeRedisConnection(redis);
    await closeRedisConnection(inspector);
    await started.services?.close();
    await started.temp?.remove();
  });

  const current = <Key extends keyof typeof started>(key: Key): NonNullable<(typeof started)[Key]> => {
    const value = started[key];
    if (value === undefined) throw new Error("the web role starts in beforeAll: use the kit inside a test");
    return value;
  };
  return {
    get base() {
      return current("base");
    },
    get env() {
      return current("env");
    },
    get services() {
      return current("services");
    },
    get db() {
      return current("db");
    },
    get producer() {
      return current("producer");
    },
    redis,
    inspector,
    prefix,
    logger,
    lines,
  };
}
