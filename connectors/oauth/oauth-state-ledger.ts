import type { Redis } from "ioredis";

/** Remembers which `state` values were used, so each authorize link completes at most once. */
export interface OAuthStateLedger {
  /** True the first time `nonce` is claimed; false when it was claimed before. */
  claim(nonce: string, expiresAt: Date): Promise<boolean>;
}

/** Kept a minute past the state's expiry: after that the signature check refuses it as expired. */
const clockSkewMs = 60_000;

/**
 * The ledger in Redis, shared by every provider (nonces are random): `SET
 * <prefix>:notion-oauth-state:<nonce> NX PX <ttl>` (the key Notion's states have always used) is atomic, so two
 * callbacks racing with one state (a double click, a replayed URL) cannot both pass, across every
 * web process sharing the Redis. Keys expire with the states they guard.
 */
export function redisOAuthStateLedger(
  redis: Redis,
  prefix: string,
  now: () => number = Date.now,
): OAuthStateLedger {
  return {
    async claim(nonce, expiresAt) {
      const ttlMs = Math.max(1_000, expiresAt.getTime() - now() + clockSkewMs);
      const set = await redis.set(`${prefix}:notion-oauth-state:${nonce}`, "used", "PX", ttlMs, "NX");
      return set === "OK";
    },
  };
}
