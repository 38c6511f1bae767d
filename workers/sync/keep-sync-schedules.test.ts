import { randomUUID } from "node:crypto";
import { Queue } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { listAllSourceConnections } from "#shared/db/list-all-source-connections.ts";
import { ensureSourceConnection } from "#shared/db/source-connection-repository.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { waitFor } from "#test/helpers/wait-for.ts";
import { keepSyncSchedules } from "./keep-sync-schedules.ts";

const pglite = testDatabaseBackends.find((backend) => backend.kind === "pglite");
if (!pglite) throw new Error("pglite backend missing");
const logger = silentLogger();

describe("keepSyncSchedules", () => {
  const db = useTestDatabase(pglite);
  const prefix = randomPrefix();
  const connection = createRedisConnection(testRedisUrl, { role: "producer", logger });
  const queue = new Queue("sync", { connection, prefix });

  afterAll(async () => {
    await queue.close();
    await removeQueues(connection, prefix);
    await closeRedisConnection(connection);
  });

  it("schedules a connection made while it runs (an OAuth connect) without a restart, past a failed pass", async () => {
    let failNextPass = true;
    const keeper = keepSyncSchedules({
      queue,
      listConnections: async () => {
        if (failNextPass) {
          failNextPass = false;
          throw new Error("database restarting");
        }
        return listAllSourceConnections(db());
      },
      settings: { incrementalMinutes: () => 15, fullSyncCron: "0 3 * * *", timezone: "UTC" },
      logger,
      intervalMs: 50,
    });
    try {
      await keeper.reconcileNow(); // fails, and says so only in the log
      const workspaceId = `ws-${randomUUID().slice(0, 8)}`;
      const id = `notion:${randomUUID()}@${workspaceId}`;
      await ensureSourceConnection(db(), {
        id,
        workspaceId,
        kind: "notion",
        source: `notion:${workspaceId}`,
      });
      await waitFor(() => queue.getJobScheduler(`sync/${id}/full`));
      expect(await queue.getJobScheduler(`sync/${id}/incremental`)).toMatchObject({ every: 15 * 60_000 });
    } finally {
      await keeper.stop();
    }
  });
});
