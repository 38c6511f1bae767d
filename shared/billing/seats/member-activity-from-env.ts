import type { Redis } from "ioredis";
import type { Db } from "#shared/db/database.ts";
import type { Logger } from "#shared/log/logger.ts";
import { type MemberActivityLog, memberActivityLog } from "./member-activity-log.ts";
import { createSeatSyncScheduler } from "./seat-sync-scheduler.ts";

export interface MemberActivityEnv {
  STRIPE_SECRET_KEY?: string | undefined;
  QUEUE_PREFIX: string;
}

/**
 * For a role that records activity but does not run the seats worker (the bots' review buttons):
 * with billing on, newly active members schedule a seat sync; off, they are only recorded.
 */
export function memberActivityFromEnv(
  env: MemberActivityEnv,
  options: { db: Db; producerRedis: Redis; logger: Logger },
): MemberActivityLog {
  if (!env.STRIPE_SECRET_KEY) return memberActivityLog(options.db);
  const seats = createSeatSyncScheduler({
    db: options.db,
    connection: options.producerRedis,
    prefix: env.QUEUE_PREFIX,
  });
  return memberActivityLog(options.db, { seats, logger: options.logger });
}
