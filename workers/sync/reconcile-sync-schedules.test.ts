import { randomUUID } from "node:crypto";
import { Queue } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { listAllSourceConnections } from "#shared/db/list-all-source-connections.ts";
import type { SourceConnectionKind } from "#shared/db/schema.ts";
import {
  deleteSourceConnection,
  ensureSourceConnection,
  markSourceNeedsReauth,
  markSourceOk,
} from "#shared/db/source-connection-repository.ts";
import { jobCatalog } from "#shared/queue/job-catalog.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { reconcileSyncSchedules } from "./reconcile-sync-schedules.ts";

const postgres = testDatabaseBackends.find((backend) => backend.kind === "postgres");
if (!postgres) throw new Error("postgres backend missing");
/** Each kind's minutes, as the connector registry gives them; folders are not scheduled. */
const minutesByKind: Partial<Record<SourceConnectionKind, number>> = { notion: 15, drive: 10 };
const settings = {
  incrementalMinutes: (kind: SourceConnectionKind) => minutesByKind[kind],
  fullSyncCron: "0 3 * * *",
  timezone: "Europe/Berlin",
};

describe("sync schedules follow the source connections", () => {
  const db = useTestDatabase(postgres);
  const prefix = randomPrefix();
  const connection = createRedisConnection(testRedisUrl, { role: "producer", logger: silentLogger() });
  const queue = new Queue("sync", { connection, prefix });

  afterAll(async () => {
    await queue.close();
    await removeQueues(connection, prefix);
    await closeRedisConnection(connection);
  });

  async function addConnection(): Promise<{ id: string; workspaceId: string }> {
    const workspaceId = `ws-${randomUUID().slice(0, 8)}`;
    const id = `notion-internal@${workspaceId}`;
    await ensureSourceConnection(db(), { id, workspaceId, kind: "notion", source: "notion" });
    return { id, workspaceId };
  }

  const reconcile = async () => reconcileSyncSchedules(queue, await listAllSourceConnections(db()), settings);
  const schedulerIds = async () => (await queue.getJobSchedulers()).map((scheduler) => scheduler.key).sort();

  it("gives each connection an incremental and a full scheduler, then removes a deleted one's", async () => {
    const first = await addConnection();
    const second = await addConnection();
    await reconcile();
    expect(await schedulerIds()).toEqual(
      [
        `sync/${first.id}/full`,
        `sync/${first.id}/incremental`,
        `sync/${second.id}/full`,
        `sync/${second.id}/incremental`,
      ].sort(),
    );

    const incremental = await queue.getJobScheduler(`sync/${first.id}/incremental`);
    expect(incremental).toMatchObject({
      every: 15 * 60_000,
      template: {
        data: {
          workspaceId: first.workspaceId,
          connectionId: first.id,
          mode: "incremental",
          reason: "schedule",
        },
        opts: {
          attempts: jobCatalog.sync.attempts,
          backoff: jobCatalog.sync.backoff,
          removeOnComplete: jobCatalog.sync.removeOnComplete,
          removeOnFail: jobCatalog.sync.removeOnFail,
        },
      },
    });
    const full = await queue.getJobScheduler(`sync/${first.id}/full`);
    expect(full).toMatchObject({
      pattern: "0 3 * * *",
      tz: "Europe/Berlin",
      template: { data: { connectionId: first.id, mode: "full", reason: "schedule" } },
    });
    // A new connection's first incremental sync is due at once; its jobs carry the catalog's options.
    const [firstRun] = await queue
      .getJobs(["delayed", "wait"])
      .then((jobs) => jobs.filter((job) => job.repeatJobKey === `sync/${first.id}/incremental`));
    expect(firstRun?.opts).toMatchObject({
      attempts: jobCatalog.sync.attempts,
      backoff: jobCatalog.sync.backoff,
    });
    expect(firstRun?.data).toMatchObject({ connectionId: first.id, mode: "incremental" });

    await deleteSourceConnection(db(), first.id);
    const result = await reconcile();
    expect(result.removed.sort()).toEqual([`sync/${first.id}/full`, `sync/${first.id}/incremental`]);
    expect(await schedulerIds()).toEqual([`sync/${second.id}/full`, `sync/${second.id}/incremental`]);
    // No later run is left behind (a run already due is skipped by the job: see sync-job.ts).
    const later = (await queue.getJobs(["delayed"])).filter((job) =>
      job.repeatJobKey?.startsWith(`sync/${first.id}/`),
    );
    expect(later).toEqual([]);
  });

  it("leaves unchanged schedulers alone, so passes every minute never move the next run", async () => {
    const added = await addConnection();
    await reconcile();
    const before = await queue.getJobScheduler(`sync/${added.id}/full`);
    const again = await reconcile();
    expect(again.upserted).toEqual([]);
    expect(again.removed).toEqual([]);
    expect((await queue.getJobScheduler(`sync/${added.id}/full`))?.next).toBe(before?.next);
  });

  it("applies a changed interval, and drops a connection that needs re-auth until it is reconnected", async () => {
    const added = await addConnection();
    await reconcile();
    await reconcileSyncSchedules(queue, await listAllSourceConnections(db()), {
      ...settings,
      incrementalMinutes: () => 5,
    });
    expect((await queue.getJobScheduler(`sync/${added.id}/incremental`))?.every).toBe(5 * 60_000);

    await markSourceNeedsReauth(db(), added.id, "Notion no longer accepts this connection's token");
    await reconcile();
    expect(await schedulerIds()).not.toContain(`sync/${added.id}/incremental`);
    expect(await schedulerIds()).not.toContain(`sync/${added.id}/full`);

    await markSourceOk(db(), added.id, { documentCount: 0 });
    await reconcile();
    expect(await schedulerIds()).toEqual(
      expect.arrayContaining([`sync/${added.id}/incremental`, `sync/${added.id}/full`]),
    );
  });

  it("schedules each kind on its own minutes, the full pass on the shared cron, and never a folder", async () => {
    const workspaceId = `ws-${randomUUID().slice(0, 8)}`;
    const drive = { id: `drive-1@${workspaceId}`, workspaceId, kind: "drive" as const, source: "drive:1" };
    const folder = { id: `files-1@${workspaceId}`, workspaceId, kind: "files" as const, source: "files:1" };
    await ensureSourceConnection(db(), drive);
    await ensureSourceConnection(db(), folder);
    try {
      await reconcile();
      expect((await queue.getJobScheduler(`sync/${drive.id}/incremental`))?.every).toBe(10 * 60_000);
      expect(await queue.getJobScheduler(`sync/${drive.id}/full`)).toMatchObject({
        pattern: "0 3 * * *",
        tz: "Europe/Berlin",
      });
      expect((await schedulerIds()).filter((id) => id.includes(folder.id))).toEqual([]);
    } finally {
      await deleteSourceConnection(db(), drive.id);
      await deleteSourceConnection(db(), folder.id);
      await reconcile();
    }
  });
});
