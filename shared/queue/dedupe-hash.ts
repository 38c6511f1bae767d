import { createHash, randomBytes } from "node:crypto";

/**
 * A fixed-length, Redis- and BullMQ-safe form of a dedupe key. Keys such as a Discord snowflake
 * are all digits and others may hold ":"; BullMQ rejects both as job ids, and the raw text would
 * otherwise end up in key names. 128 bits of SHA-256 make collisions negligible.
 */
export function dedupeHash(key: string): string {
  return `d${createHash("sha256").update(key).digest("hex").slice(0, 32)}`;
}

/**
 * A job id for one enqueue call: the dedupe hash (so the job is easy to find from its key) plus a
 * random suffix. The suffix is how a duplicate is detected: BullMQ answers a deduplicated add
 * with the id of the job already there, which then differs from the id this call proposed.
 */
export function proposeJobId(hash: string, random: (bytes: number) => Buffer = randomBytes): string {
  return `${hash}-${random(6).toString("base64url")}`;
}
