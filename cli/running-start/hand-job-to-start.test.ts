import { Queue } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import type { IngestProgress } from "#connectors/files/ingest-progress.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { type RunningWorker, runWorker } from "#shared/queue/run-worker.ts";
import { deferred, randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { handIngestToStart } from "./hand-ingest-to-start.ts";

/** The hand-off's two ways of giving up, on real Redis, with a worker of the test standing in for the start. */
describe("handing an ingest to a start that does not finish it", () => {
  const logger = silentLogger();
  const secret = "7a".repeat(32);
  const request = { workspaceId: "acme", path: "/srv/wiki" };
  const redis = createRedisConnection(testRedisUrl, { role: "producer", logger });
  const workerRedis = createRedisConnection(testRedisUrl, { role: "worker", logger });
  const prefixes: string[] = [];
  const workers: RunningWorker[] = [];

  afterAll(async () => {
    for (const worker of workers) await worker.close(true);
    for (const prefix of prefixes) await removeQueues(redis, prefix);
    await closeRedisConnection(workerRedis);
    await closeRedisConnection(redis);
  });

  function queuesFor(): { redisUrl: string; prefix: string } {
    const prefix = randomPrefix();
    prefixes.push(prefix);
    return { redisUrl: testRedisUrl, prefix };
  }

  async function jobCounts(prefix: string): Promise<Record<string, number>> {
    const queue = new Queue("ingest", { connection: redis, prefix });
    try {
      return await queue.getJobCounts("waiting", "active", "delayed", "completed", "failed");
    } finally {
      await queue.close();
    }
  }

  it("a start that never picks the job up: withdrawn after the wait, nothing done, says what to do", async () => {
    const queues = queuesFor();
    const handed = handIngestToStart(
      { queues, logger, pickUpTimeoutMs: 200, startIsAlive: () => true },
      secret,
      request,
      undefined,
    );
    await expect(handed).rejects.toMatchObject({
      code: "unavailable",
      message: expect.stringMatching(
        /did not pick the ingest up within 1 s .*: the request was withdrawn and nothing was done\./,
      ),
      hint: expect.stringContaining("run the ingest again"),
    });
    // Withdrawn: a start that wakes up later finds nothing to ingest.
    expect(Object.values(await jobCounts(queues.prefix)).every((count) => count === 0)).toBe(true);
  });

  it("a start that stops mid-ingest: its progress came through, no outcome is claimed, the wait ends", async () => {
    const queues = queuesFor();
    const progressed = deferred();
    const release = deferred();
    let alive = true;
    // Reports a first step, then works on until the test ends: the start "dies" meanwhile.
    workers.push(
      runWorker(
        "ingest",
        async (_payload, context) => {
          const progress: IngestProgress = { phase: "reading", done: 1, total: 3 };
          await context.updateProgress({ progress });
          await release.promise;
        },
        { connection: workerRedis, logger, prefix: queues.prefix },
      ),
    );
    const seen: IngestProgress[] = [];
    const handed = handIngestToStart(
      {
        queues,
        logger,
        aliveCheckMs: 20,
        startIsAlive: () => alive,
      },
      secret,
      request,
      (progress) => {
        seen.push(progress);
        progressed.resolve();
      },
    );
    const outcome = handed.then(
      () => "claimed done",
      (error: unknown) => error,
    );
    await progressed.promise;
    alive = false;
    expect(await outcome).toMatchObject({
      code: "unavailable",
      message: expect.stringContaining("`sabio start` stopped before the ingest finished: it is not done"),
      hint: expect.stringContaining("run the ingest again"),
    });
    expect(seen).toHaveLength(1);
    release.resolve();
  });
});
