import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { onFatalError } from "#shared/process/on-fatal-error.ts";
import { createProducer, type Producer } from "#shared/queue/enqueue.ts";
import { onShutdown } from "#shared/queue/graceful-shutdown.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { createProcessMetrics } from "#shared/telemetry/metrics/process-metrics.ts";
import { telemetryFromEnv } from "#shared/telemetry/telemetry-from-env.ts";
import { createCliPlatform } from "../cli-platform.ts";
import type { Output } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import { commandOnPath } from "../roles/command-on-path.ts";
import {
  availableRoles,
  configuredRoles,
  discordConfigured,
  type RoleName,
  slackConfigured,
} from "../roles/configured-roles.ts";
import type { RoleContext, RunningRole } from "../roles/role.ts";
import { redisLocation } from "../running-start/redis-location.ts";
import { writeRunningStart } from "../running-start/running-start-file.ts";
import type { Services } from "../services.ts";
import { UsageError } from "../usage-error.ts";

type StartRole = (context: RoleContext) => Promise<RunningRole>;

/**
 * Each role's module is imported only when that role starts, as cli/main.ts does for commands:
 * `start answer` then holds no Bolt, Hono or sync connectors in its heap.
 */
const starters: Record<RoleName, () => Promise<StartRole>> = {
  answer: async () => (await import("../roles/answer-role.ts")).startAnswerRole,
  slack: async () => (await import("../roles/slack-role.ts")).startSlackRole,
  discord: async () => (await import("../roles/discord-role.ts")).startDiscordRole,
  sync: async () => (await import("../roles/sync-role.ts")).startSyncRole,
  web: async () => (await import("../roles/web-role.ts")).startWebRole,
  train: async () => (await import("../roles/train-role.ts")).startTrainRole,
};

/**
 * `sabio start [role…]`: runs roles in this process until SIGINT/SIGTERM, then shuts down
 * gracefully (running jobs finish, bounded by SHUTDOWN_TIMEOUT_SECONDS).
 */
export async function startCommand(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<number> {
  const { env, logger } = services;
  const roles = commandLine.positionals.length > 0 ? commandLine.positionals : configuredRoles(env);
  for (const role of roles) {
    if (!(availableRoles as readonly string[]).includes(role)) {
      throw new UsageError(`Unknown role "${role}". Available: ${availableRoles.join(", ")}.`);
    }
    if (role === "slack" && !slackConfigured(env)) {
      throw new UsageError(
        "The slack role needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (many workspaces, HTTP), or SLACK_BOT_TOKEN plus SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP).",
      );
    }
    if (role === "train" && !commandOnPath(env.TRAIN_COMMAND, process.env.PATH)) {
      throw new UsageError(
        `The train role needs TRAIN_COMMAND (${env.TRAIN_COMMAND}) on PATH: \`pip install mlx-lm\` on Apple silicon, or set TRAIN_COMMAND and FUSE_COMMAND to their paths.`,
      );
    }
    if (role === "discord" && !discordConfigured(env)) {
      throw new UsageError(
        "The discord role needs DISCORD_TOKEN (Developer Portal → your application → Bot).",
      );
    }
  }

  // An error nothing caught runs the shutdown below and exits non-zero: PM2 restarts the process.
  const fatal = onFatalError({
    process,
    logger,
    exit: (code) => process.exit(code),
    graceMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000 + 5_000,
  });
  let workerRedis: Redis | undefined;
  let producerRedis: Redis | undefined;
  let producer: Producer | undefined;
  // The answer worker replies to Slack whenever a token is set, even without the slack role here.
  const slackPlatform =
    slackConfigured(env) || env.SLACK_BOT_TOKEN
      ? await (await import("../roles/slack-platform-from-env.ts")).slackPlatformFromEnv(
          env,
          logger,
          services,
        )
      : undefined;
  // Likewise to Discord whenever DISCORD_TOKEN is set (REST only; the gateway is the discord role's).
  const discordPlatform = env.DISCORD_TOKEN
    ? await (await import("../roles/discord-platform-from-env.ts")).discordPlatformFromEnv(env, logger, () =>
        context.producerRedis(),
      )
    : undefined;
  // /metrics and /healthz on METRICS_PORT (README, "Metrics (Prometheus)"): served once roles exist.
  const metrics = createProcessMetrics({
    port: env.METRICS_PORT,
    roles,
    redis: () => context.producerRedis(),
    queuePrefix: env.QUEUE_PREFIX,
    database: () => services.database(),
    logger,
  });
  const telemetry = await telemetryFromEnv(env, logger, metrics.telemetry);
  const context: RoleContext = {
    services,
    output,
    telemetry,
    workerRedis: () => {
      workerRedis ??= createRedisConnection(env.REDIS_URL, { role: "worker", logger, name: "sabio-worker" });
      return workerRedis;
    },
    producerRedis: () => {
      producerRedis ??= createRedisConnection(env.REDIS_URL, {
        role: "producer",
        logger,
        name: "sabio-producer",
      });
      return producerRedis;
    },
    producer: () => {
      producer ??= createProducer(context.producerRedis(), { logger, prefix: env.QUEUE_PREFIX });
      return producer;
    },
    platforms: {
      cli: createCliPlatform(output, { json: false }),
      ...(slackPlatform ? { slack: slackPlatform } : {}),
      ...(discordPlatform ? { discord: discordPlatform } : {}),
    },
    // Only this process can open the embedded database: `sabio ingest` hands its work over.
    ...(!env.DATABASE_URL && roles.includes("answer")
      ? { ingestSecret: randomBytes(32).toString("hex") }
      : {}),
  };

  const running: RunningRole[] = [];
  for (const role of roles as RoleName[]) {
    const startRole = await starters[role]();
    running.push(await startRole(context));
  }

  // Tells `ingest` and `sync` on this DATA_DIR who holds the embedded database (running-start-file.ts).
  let runningStart: Awaited<ReturnType<typeof writeRunningStart>> | undefined;
  const stopped = Promise.withResolvers<number>();
  const closeAll = async () => {
    await Promise.all(running.map((role) => role.close()));
    await telemetry.shutdown();
    await metrics.close();
    await producer?.close();
    if (producerRedis) await closeRedisConnection(producerRedis);
    if (workerRedis) await closeRedisConnection(workerRedis);
    await services.close();
    // Only once the database is closed: a command that no longer finds the file can open it.
    await runningStart?.remove();
    stopped.resolve(0);
  };
  const shutdown = onShutdown([closeAll], {
    timeoutMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    logger,
    forceClosers: running.map((role) => () => role.forceClose()),
    exit: (code) => process.exit(fatal.exitCode(code)),
  });
  fatal.useShutdown(shutdown.shutdown);
  try {
    await metrics.serve();
    await Promise.all(running.map((role) => role.ready()));
  } catch (error) {
    // A role that cannot start (Discord refusing the token or an intent) ends the process with its
    // one-line error: the other roles are closed so nothing keeps it alive.
    shutdown.dispose();
    await closeAll();
    throw error;
  }
  runningStart = await writeRunningStart(env.DATA_DIR, {
    pid: process.pid,
    roles,
    database: env.DATABASE_URL ? "postgresql" : "embedded",
    startedAt: new Date().toISOString(),
    ...(env.DATABASE_URL
      ? {}
      : { queues: { redis: redisLocation(env.REDIS_URL), prefix: env.QUEUE_PREFIX } }),
    ...(context.ingestSecret === undefined ? {} : { ingestSecret: context.ingestSecret }),
  });
  logger.info({ roles }, "sabio started");
  return stopped.promise;
}
