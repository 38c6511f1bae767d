import type { Redis } from "ioredis";
import { discordRedisKey } from "../discord-redis-key.ts";

/** A RESUME replays minutes of events at most; a day leaves room for a long outage and restarts. */
export const defaultClaimTtlSeconds = 86_400;

export interface ClaimOptions {
  keyPrefix?: string | undefined;
  ttlSeconds?: number;
}

/**
 * True only for the first delivery of a message (or interaction) id, across every process logged
 * in with the token: two bots on one token both receive each event, and a RESUME replays events
 * the client may already have handled. SET NX decides in one step, so a race has one winner.
 * Throws when Redis is unreachable: the caller then relies on the queue's and outbox's dedupe id.
 */
export async function claimDiscordEvent(
  redis: Redis,
  id: string,
  options: ClaimOptions = {},
): Promise<boolean> {
  const ttlSeconds = options.ttlSeconds ?? defaultClaimTtlSeconds;
  const result = await redis.set(
    discordRedisKey(options.keyPrefix, "claim", id),
    "1",
    "EX",
    ttlSeconds,
    "NX",
  );
  return result === "OK";
}

/** Gives a claim back when the question could not be enqueued, so a replay may still get through. */
export async function releaseDiscordEvent(
  redis: Redis,
  id: string,
  options: ClaimOptions = {},
): Promise<void> {
  await redis.del(discordRedisKey(options.keyPrefix, "claim", id));
}
