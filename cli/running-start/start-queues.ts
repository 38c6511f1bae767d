import { HandOffFailed } from "./hand-off-failed.ts";
import { redisLocation } from "./redis-location.ts";
import type { RunningStart } from "./running-start-file.ts";

/** The running start's queues, as this command reaches them. */
export interface StartQueues {
  /** This command's own REDIS_URL: the start's file does not hold the URL (it may hold a password). */
  redisUrl: string;
  /** The start's QUEUE_PREFIX, from its file: the command's own does not matter. */
  prefix: string;
}

/**
 * Work is handed over on the start's Redis, reached with this command's REDIS_URL: throws
 * HandOffFailed, naming both places, when that points at another Redis (or db) than the start's.
 */
export function startQueues(
  queues: NonNullable<RunningStart["queues"]>,
  redisUrl: string,
  command: string,
): StartQueues {
  const here = redisLocation(redisUrl);
  if (here !== queues.redis) {
    throw new HandOffFailed(
      `\`sabio start\` uses the Redis at ${queues.redis}, but this command's REDIS_URL points at ${here}`,
      `set the same REDIS_URL as \`sabio start\` (in .env or the environment, password included), then run the ${command} again`,
    );
  }
  return { redisUrl, prefix: queues.prefix };
}
