import type { Redis } from "ioredis";
import { slackRedisKey } from "./slack-redis-key.ts";

/** What identifies one Slack delivery: its event id, and the message it is about. */
export interface SlackEventIdentity {
  eventId: string;
  teamId: string;
  channelId: string;
  /** The message's own ts (not the thread's). */
  ts: string;
}

export interface SlackEventDedupeOptions {
  /** Slack retries for about an hour; a day covers that with room for late Socket Mode replays. */
  ttlSeconds?: number;
  keyPrefix?: string;
}

export const defaultDedupeTtlSeconds = 86_400;

/**
 * Both keys are checked and set in one step: two deliveries racing each other (a retry arriving
 * while the first is still being handled, or an `app_mention` and a `message` for the same text)
 * can never both win.
 */
const claimScript = `
if redis.call("EXISTS", KEYS[1]) == 1 or redis.call("EXISTS", KEYS[2]) == 1 then
  return 0
end
redis.call("SET", KEYS[1], "1", "EX", ARGV[1])
redis.call("SET", KEYS[2], "1", "EX", ARGV[1])
return 1
`;

/**
 * True only for the first delivery of an event. Slack retries with the same `event_id`, has also
 * sent duplicates with a new `event_id`, and a mention inside a followed thread arrives as both
 * `app_mention` and `message`: so the claim covers the event id AND (team, channel, message ts).
 * It lives in Redis, so a restarted bot still recognises what it already took.
 *
 * When Redis is unreachable the claim throws and the handler falls back on the question's dedupe
 * id (platform/workspace/event id): the `question_outbox` row's primary key is the claim while
 * the queue is down, BullMQ's dedupe (24 h) once it is back, and the answer worker's
 * `questions (platform, event_id)` unique row plus "already answered" check after that. What that
 * does not cover is Slack's rare duplicate under a NEW event id during an outage (the message-ts
 * key lives only here): accepted, since losing the question would be worse than answering twice.
 */
export async function claimSlackEvent(
  redis: Redis,
  identity: SlackEventIdentity,
  options: SlackEventDedupeOptions = {},
): Promise<boolean> {
  const ttlSeconds = options.ttlSeconds ?? defaultDedupeTtlSeconds;
  const claimed = await redis.eval(claimScript, 2, ...dedupeKeys(identity, options.keyPrefix), ttlSeconds);
  return claimed === 1;
}

/**
 * Gives a claim back when the question could not be enqueued, so that a later delivery of the
 * same event (a Socket Mode replay, a retry) is not thrown away as a duplicate.
 */
export async function releaseSlackEvent(
  redis: Redis,
  identity: SlackEventIdentity,
  options: Pick<SlackEventDedupeOptions, "keyPrefix"> = {},
): Promise<void> {
  await redis.del(...dedupeKeys(identity, options.keyPrefix));
}

function dedupeKeys(identity: SlackEventIdentity, keyPrefix: string | undefined): [string, string] {
  return [
    slackRedisKey(keyPrefix, "event", identity.eventId),
    slackRedisKey(keyPrefix, "message", identity.teamId, identity.channelId, identity.ts),
  ];
}
