import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { parseWorkspaceId } from "../workspace/workspace-id.ts";

/**
 * Everything bots and workers must agree on about one queue. Producers validate against `schema`
 * before adding; workers validate again on dequeue, because Redis holds plain JSON that anyone
 * with access (or an older deploy) may have written.
 */
export interface QueueDefinition<Schema extends z.ZodType = z.ZodType> {
  schema: Schema;
  /** Tries in total, the first included. */
  attempts: number;
  /** Exponential: delay, 2×delay, 4×delay…; jitter 0.5 spreads each wait over [50%, 100%]. */
  backoff: { type: "exponential"; delay: number; jitter: number };
  /** Finished jobs kept for `age` seconds and at most `count` of them (BullMQ keeps all by default). */
  removeOnComplete: { age: number; count: number };
  removeOnFail: { age: number; count: number };
  /** Job data is stored in clear JSON in Redis: ids and short text, never documents or secrets. */
  maxPayloadBytes: number;
  /** Jobs processed at once by one worker process unless the worker says otherwise. */
  concurrency: number;
  /**
   * How long a job's lock lasts without renewal, and how often workers look for jobs whose lock
   * ran out (a killed worker's): together, how soon another worker picks such a job up.
   */
  stall?: { lockDurationMs: number; stalledIntervalMs: number };
  /** Per-queue rate limit across all workers (needed before `Worker.RateLimitError` can be used). */
  limiter?: { max: number; duration: number };
  /**
   * Fair share between the owners of jobs (e.g. workspaces): each job gets a BullMQ priority so
   * one owner's backlog cannot hold back another's next job; FIFO per owner (`fair-priority.ts`).
   */
  fairness?: {
    /** Whose job this is; jobs with the same key run in the order they were added. */
    key(payload: z.output<Schema>): string;
  };
  /** How a repeated request is recognised and for how long. */
  dedupe?: {
    /** Identity of the request (e.g. the platform event id); hashed before it reaches Redis. */
    key(payload: z.output<Schema>): string;
    /** Window in ms during which the same key adds nothing, even after the job has finished. */
    ttlMs?: number;
    /** At most one active and one pending job per key; a request while active runs once after it. */
    keepLastIfActive?: boolean;
  };
}

/** Identity helper so each definition's `dedupe.key` is typed by its own schema. */
function defineQueue<Schema extends z.ZodType>(definition: QueueDefinition<Schema>): QueueDefinition<Schema> {
  return definition;
}

/**
 * A queue of small jobs (a workspace id, a reason: well under 1 KiB) that a worker process runs
 * one at a time: background work nobody waits on at a keyboard (embeddings, train, seats).
 */
function serialQueue<Schema extends z.ZodType>(
  schema: Schema,
  definition: Omit<QueueDefinition<Schema>, "schema" | "maxPayloadBytes" | "concurrency">,
): QueueDefinition<Schema> {
  return defineQueue({ schema, ...definition, maxPayloadBytes: 1_024, concurrency: 1 });
}

/** All queues spread their retries alike (jitter 0.5); only the first delay differs. */
const exponentialBackoff = (delay: number) => ({ type: "exponential", delay, jitter: 0.5 }) as const;

const hour = 3600;
const day = 24 * hour;

const workspaceId = z.string().refine(
  (value) => {
    try {
      return parseWorkspaceId(value) === value;
    } catch {
      return false;
    }
  },
  { error: 'must be a workspace id: 1–63 characters of a-z, 0-9, "-" or "_"' },
);

/** Platform ids (Slack "C0123", Discord snowflakes, CLI uuids): opaque, short. */
const platformId = z.string().min(1).max(256);

/** A question as a bot hands it over: who asked, where to reply, and the text the bot already trimmed. */
export const questionPayloadSchema = z.object({
  workspaceId,
  platform: z.enum(["cli", "slack", "discord"]),
  /** The platform's id for the event; the same event delivered twice is one question. */
  eventId: platformId,
  channelId: platformId.optional(),
  threadId: platformId.optional(),
  messageId: platformId.optional(),
  userId: platformId.optional(),
  /** The platform's team/guild id (Slack team, Discord guild), for routing the reply. */
  teamId: platformId.optional(),
  /**
   * A slash command's interaction (Discord `/ask`): the reply edits its deferred response. Only the
   * id: the interaction token is a credential and stays out of job data (the bot keeps it in Redis).
   */
  interactionId: platformId.optional(),
  text: z.string().min(1).max(4000),
  receivedAt: z.iso.datetime({ offset: true }),
});

/**
 * Sync one source connection. `pageIds` (from a webhook) names what changed; the sync still runs
 * incrementally over everything edited since its cursor, so a lost webhook loses nothing.
 */
export const syncPayloadSchema = z.object({
  workspaceId,
  connectionId: z.string().min(1).max(200),
  mode: z.enum(["incremental", "full"]),
  /** What asked: the schedule, an admin ("sync now"), or a webhook. */
  reason: z.enum(["schedule", "manual", "webhook"]).default("manual"),
  pageIds: z.array(z.string().min(1).max(64)).max(100).optional(),
});

/** Fill in missing vectors for one workspace (after ingest, or when the model server was down). */
export const embeddingsPayloadSchema = z.object({ workspaceId });

/**
 * `sabio ingest` handed to the running `sabio start` that holds the embedded database. `proof` is
 * an HMAC of the request keyed with a secret only readable in DATA_DIR (workers/ingest/ingest-proof.ts):
 * access to Redis alone must not let anyone make Sabio read and index an arbitrary folder.
 */
export const ingestPayloadSchema = z.object({
  workspaceId,
  /** Absolute, on the machine of that start (its DATA_DIR is local, so the same machine). */
  path: z.string().min(1).max(4096),
  connectionId: z.string().min(1).max(200).optional(),
  baseUrl: z.string().max(2048).optional(),
  proof: z.string().regex(/^[0-9a-f]{64}$/),
});

/**
 * The nightly fine-tune (the `train` role): one job per TRAIN_CRON tick trains every workspace in
 * turn. No ids or text: the job lists the workspaces itself when it runs.
 */
export const trainPayloadSchema = z.object({
  /** What asked: the TRAIN_CRON schedule, or a person (e.g. a test, an operator adding one by hand). */
  reason: z.enum(["schedule", "manual"]).default("schedule"),
});

/**
 * Bring one workspace's Stripe seat quantity up to its active-member count (shared/billing/seats/).
 * Added delayed, deduplicated per workspace: changes within the delay are one update.
 */
export const seatsPayloadSchema = z.object({
  workspaceId,
  /** What asked: someone became active, the start-up/hourly reconcile. */
  reason: z.enum(["activity", "reconcile"]).default("activity"),
});

/**
 * The one list of queues. To add one (`sync`, `train`…): a schema and a `defineQueue` (or
 * `serialQueue`) entry here; producers and workers pick it up by name.
 */
export const jobCatalog = {
  questions: defineQueue({
    schema: questionPayloadSchema,
    // A failed answer is retried twice (model server restarting); after that the user is told.
    attempts: 3,
    backoff: exponentialBackoff(2_000),
    removeOnComplete: { age: day, count: 1_000 },
    removeOnFail: { age: 7 * day, count: 5_000 },
    // 4000 characters of text are at most 12 000 bytes of UTF-8, plus the ids.
    maxPayloadBytes: 16_384,
    concurrency: 2,
    dedupe: {
      key: (question) => `${question.platform}/${question.workspaceId}/${question.eventId}`,
      // Slack retries an unacknowledged event for about an hour; Discord replays events on resume.
      ttlMs: day * 1000,
    },
    // One workspace's burst must not starve another's questions.
    fairness: { key: (question) => question.workspaceId },
    // A killed worker's answer is picked up within lock + interval ≈ 15 s (BullMQ's defaults take
    // up to 60 s while the asker watches a frozen draft). The lock is renewed every 5 s, so only an
    // event loop blocked for 10 s would lose it; answers await Ollama over HTTP and never block.
    stall: { lockDurationMs: 10_000, stalledIntervalMs: 5_000 },
  }),
  embeddings: serialQueue(embeddingsPayloadSchema, {
    // Vectors wait for the model server, which may be down for a while.
    attempts: 5,
    backoff: exponentialBackoff(10_000),
    removeOnComplete: { age: day, count: 100 },
    removeOnFail: { age: 7 * day, count: 1_000 },
    // A backfill already running may miss documents added meanwhile: run once more after it.
    dedupe: { key: (job) => job.workspaceId, keepLastIfActive: true },
  }),
  sync: defineQueue({
    schema: syncPayloadSchema,
    // A sync that failed (Notion down, a kill) runs again later; each run skips what is current.
    attempts: 4,
    backoff: exponentialBackoff(30_000),
    removeOnComplete: { age: day, count: 500 },
    removeOnFail: { age: 7 * day, count: 1_000 },
    maxPayloadBytes: 16_384,
    concurrency: 2,
    // "Sync now" while one runs: one more run after it, never a pile of them. A waiting request
    // replaced by a newer one loses its pageIds; the incremental search still finds those edits.
    dedupe: { key: (job) => `${job.connectionId}/${job.mode}`, keepLastIfActive: true },
  }),
  ingest: defineQueue({
    schema: ingestPayloadSchema,
    // Someone waits for the result at the terminal: a failure is shown to them, not retried.
    attempts: 1,
    backoff: exponentialBackoff(5_000),
    removeOnComplete: { age: hour, count: 100 },
    removeOnFail: { age: day, count: 100 },
    maxPayloadBytes: 8_192,
    concurrency: 1,
  }),
  // One training at a time per machine anyway (workers/train/training-lock.ts). Ticks can't pile
  // up: BullMQ's job scheduler adds the next tick's job only once the previous one has started.
  train: serialQueue(trainPayloadSchema, {
    // A failed night is told to the admins and tried again on the next tick, not within the night:
    // a trainer that failed once fails the same way (training-failure.ts).
    attempts: 1,
    backoff: exponentialBackoff(60_000),
    removeOnComplete: { age: 30 * day, count: 100 },
    removeOnFail: { age: 30 * day, count: 100 },
  }),
  seats: serialQueue(seatsPayloadSchema, {
    // Stripe down for a while: keep trying (the same idempotency key each time, sync-seats.ts).
    attempts: 6,
    backoff: exponentialBackoff(60_000),
    removeOnComplete: { age: day, count: 1_000 },
    removeOnFail: { age: 7 * day, count: 1_000 },
  }),
};

export type JobCatalog = typeof jobCatalog;
export type QueueName = keyof JobCatalog;
/** What a worker's processor receives. */
export type JobPayload<Q extends QueueName> = z.output<JobCatalog[Q]["schema"]>;
/** What a producer passes in. */
export type JobPayloadInput<Q extends QueueName> = z.input<JobCatalog[Q]["schema"]>;

/** Redis keys start with this unless a prefix is given (tests use a random one per test). */
export const defaultQueuePrefix = "sabio";

export const queueNames = Object.keys(jobCatalog) as QueueName[];

/** The BullMQ options every job of a queue is added with. */
export function jobOptionsFor(definition: QueueDefinition): JobsOptions {
  return {
    attempts: definition.attempts,
    backoff: { ...definition.backoff },
    removeOnComplete: { ...definition.removeOnComplete },
    removeOnFail: { ...definition.removeOnFail },
    sizeLimit: definition.maxPayloadBytes,
  };
}
