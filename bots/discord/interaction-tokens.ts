import type { Redis } from "ioredis";
import { discordRedisKey } from "./discord-redis-key.ts";

/**
 * A slash command's interaction token, kept in Redis for the answer worker (which edits the
 * deferred reply with it) rather than in job data: it is a credential for that response. Discord
 * lets it be used for 15 minutes; it is kept 14 so a worker never holds a dead one.
 */
export interface InteractionTokens {
  save(interactionId: string, token: string): Promise<void>;
  /** Undefined when it expired or was never saved: the reply is posted in the channel instead. */
  load(interactionId: string): Promise<string | undefined>;
}

export const interactionTokenTtlSeconds = 14 * 60;

export function redisInteractionTokens(redis: Redis, keyPrefix?: string): InteractionTokens {
  const key = (interactionId: string) => discordRedisKey(keyPrefix, "interaction", interactionId);
  return {
    async save(interactionId, token) {
      await redis.set(key(interactionId), token, "EX", interactionTokenTtlSeconds);
    },
    async load(interactionId) {
      return (await redis.get(key(interactionId))) ?? undefined;
    },
  };
}
