import type { Redis } from "ioredis";
import { onFatalError } from "#shared/process/on-fatal-error.ts";
import { createProducer, type Producer } from "#shared/queue/enqueue.ts";
import { onShutdown } from "#shared/queue/graceful-shutdown.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { createCliPlatform } from "../cli-platform.ts";
import type { Output } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import { startAnswerRole } from "../roles/answer-role.ts";
import type { RoleContext, RunningRole } from "../roles/role.ts";
import { slackConfigured, slackPlatformFromEnv, startSlackRole } from "../roles/slack-role.ts";
import { startSyncRole, syncConfigured } from "../roles/sync-role.ts";
import { startWebRole, webConfigured } from "../roles/web-role.ts";
import type { Services } from "../services.ts";
import { UsageError } from "../usage-error.ts";

/** Roles this build can run; Discord and train join as their issues land. */
export const availableRoles = ["answer", "slack", "sync", "web"] as const;
type RoleName = (typeof availableRoles)[number];
const upcomingRoles = ["discord", "train"];

const starters: Record<RoleName, (context: RoleContext) => Promise<RunningRole>> = {
  answer: startAnswerRole,
  slack: startSlackRole,
  sync: startSyncRole,
  web: startWebRole,
};

/** Roles whose configuration is present: what `start` with no role runs. */
export function configuredRoles(env: Services["env"]): RoleName[] {
  return availableRoles.filter(
    (role) =>
      role === "answer" ||
      (role === "slack" && slackConfigured(env)) ||
      (role === "sync" && syncConfigured(env)) ||
      (role === "web" && webConfigured(env)),
  );
}

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
    if (upcomingRoles.includes(role))
      throw new UsageError(`Role "${role}" is not available in this version yet.`);
    if (!(availableRoles as readonly string[]).includes(role)) {
      throw new UsageError(`Unknown role "${role}". Available: ${availableRoles.join(", ")}.`);
    }
    if (role === "slack" && !slackConfigured(env)) {
      throw new UsageError(
        "The slack role needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (many workspaces, HTTP), or SLACK_BOT_TOKEN plus SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP).",
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
  const slackPlatform = slackPlatformFromEnv(env, logger, services);
  const context: RoleContext = {
    services,
    output,
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
    },
  };

  const running: RunningRole[] = [];
  for (const role of roles as RoleName[]) running.push(await starters[role](context));

  const stopped = Promise.withResolvers<number>();
  const shutdown = onShutdown(
    [
      async () => {
        await Promise.all(running.map((role) => role.close()));
        await producer?.close();
        if (producerRedis) await closeRedisConnection(producerRedis);
        if (workerRedis) await closeRedisConnection(workerRedis);
        await services.close();
        stopped.resolve(0);
      },
    ],
    {
      timeoutMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000,
      logger,
      forceClosers: running.map((role) => () => role.forceClose()),
      exit: (code) => process.exit(fatal.exitCode(code)),
    },
  );
  fatal.useShutdown(shutdown.shutdown);
  await Promise.all(running.map((role) => role.ready()));
  logger.info({ roles }, "sabio started");
  return stopped.promise;
}
