import type { Redis } from "ioredis";

/** BullMQ's largest priority (2^21): priority × 2^32 + counter must stay an exact double. */
export const maxPriority = 2_097_152;

/**
 * Start-time fair queueing on BullMQ priorities, decided atomically in Redis at enqueue time.
 *
 * Each workspace (the fairness key) gets a tag: max(head, its last tag + 1), where head is the
 * priority of the job that starts next (the lowest in the `prioritized` set). A workspace that
 * keeps a backlog walks up 1, 2, 3…; a workspace with nothing waiting starts at the head, so it
 * is served right after the jobs already at that level: a single question from B behind 200 from
 * A starts within the next few answers, and each workspace stays FIFO (its tags only grow).
 *
 * Why not a per-workspace waiting counter: priority = 1 + waiting breaks FIFO inside a workspace
 * once some of its jobs have started (a new job can get a lower number than older waiting ones),
 * and its decrements on start/complete/fail/stall drift whenever a process dies between the two.
 * Here the only state is each workspace's last tag: it needs no decrement, a stale one is
 * overtaken by the head, and it is all forgotten whenever nothing waits (the set is empty). Tags
 * grow only while the queue never drains; at `maxPriority` they stay there, which is plain FIFO.
 * Jobs retried or put back after a stall keep their old (low) priority and so go first.
 */
const fairPriorityScript = `
local head = 0
local first = redis.call("ZRANGE", KEYS[1], 0, 0, "WITHSCORES")
if first[2] == nil then
  redis.call("DEL", KEYS[2])
else
  head = math.floor(tonumber(first[2]) / 4294967296)
end
local last = tonumber(redis.call("HGET", KEYS[2], ARGV[1]) or "0")
local tag = math.max(head, last + 1, 1)
if tag > tonumber(ARGV[2]) then tag = tonumber(ARGV[2]) end
redis.call("HSET", KEYS[2], ARGV[1], tag)
redis.call("EXPIRE", KEYS[2], ARGV[3])
return tag
`;

/** The tags hash outlives a busy day; an idle one goes away on its own. */
const tagsTtlSeconds = 86_400;

/** The BullMQ priority for the next job of `fairnessKey` on `queueName`. */
export async function fairPriority(
  connection: Redis,
  target: { prefix: string; queueName: string; fairnessKey: string },
): Promise<number> {
  const queueKey = `${target.prefix}:${target.queueName}`;
  const tag = await connection.eval(
    fairPriorityScript,
    2,
    `${queueKey}:prioritized`,
    `${queueKey}:fair-tags`,
    target.fairnessKey,
    maxPriority,
    tagsTtlSeconds,
  );
  return Number(tag);
}
