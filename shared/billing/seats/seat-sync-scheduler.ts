import { Queue } from "bullmq";
import { eq, isNotNull } from "drizzle-orm";
import type { Redis } from "ioredis";
import type { Db } from "#shared/db/database.ts";
import { billingAccounts } from "#shared/db/schema.ts";
import { defaultQueuePrefix, type JobCatalog, jobCatalog, jobOptionsFor } from "#shared/queue/job-catalog.ts";
import { parseJobPayload } from "#shared/queue/parse-job-payload.ts";
import { seatCoalesceMs, seatSyncDelayMs } from "./seat-sync-delay.ts";

export interface SeatSyncScheduler {
  /**
   * Asks for the workspace's seats to be synced after the delay (a minute, and an hour after the
   * last update). While one is waiting, asking again adds nothing: the waiting job counts everyone.
   */
  schedule(workspaceId: string, reason?: "activity" | "reconcile"): Promise<void>;
  /** Schedules every workspace with a subscription (at start, then hourly: members age out too). */
  reconcile(): Promise<number>;
  /** The `seats` queue (tests read the delayed job and promote it). */
  readonly queue: Queue;
  close(): Promise<void>;
}

export interface SeatSyncSchedulerOptions {
  db: Db;
  /** Fail-fast producer connection. */
  connection: Redis;
  prefix?: string;
  now?: () => Date;
  catalog?: JobCatalog;
}

/** Only created when billing is on (STRIPE_SECRET_KEY): without it, nothing is ever scheduled. */
export function createSeatSyncScheduler(options: SeatSyncSchedulerOptions): SeatSyncScheduler {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const definition = (options.catalog ?? jobCatalog).seats;
  const queue = new Queue("seats", {
    connection: options.connection,
    prefix: options.prefix ?? defaultQueuePrefix,
  });
  queue.on("error", () => {}); // the connection's own listener reports Redis errors

  async function add(workspaceId: string, reason: "activity" | "reconcile", seatsSyncedAt: Date | null) {
    const data = parseJobPayload("seats", definition, { workspaceId, reason });
    // At start the minute's wait buys nothing (no burst to gather); the hourly limit still holds.
    const delay = seatSyncDelayMs(seatsSyncedAt, now(), reason === "reconcile" ? 0 : seatCoalesceMs);
    await queue.add("seats", data, {
      ...jobOptionsFor(definition),
      delay,
      // Held until the job finishes: everything asked meanwhile is in the count it reads.
      deduplication: { id: `seats/${workspaceId}` },
    });
  }

  return {
    queue,
    async schedule(workspaceId, reason = "activity") {
      const [account] = await db
        .select({ itemId: billingAccounts.subscriptionItemId, syncedAt: billingAccounts.seatsSyncedAt })
        .from(billingAccounts)
        .where(eq(billingAccounts.workspaceId, workspaceId));
      if (!account?.itemId) return; // no subscription yet: Checkout sends the count it starts with
      await add(workspaceId, reason, account.syncedAt);
    },
    async reconcile() {
      const accounts = await db
        .select({ workspaceId: billingAccounts.workspaceId, syncedAt: billingAccounts.seatsSyncedAt })
        .from(billingAccounts)
        .where(isNotNull(billingAccounts.subscriptionItemId));
      for (const account of accounts) await add(account.workspaceId, "reconcile", account.syncedAt);
      return accounts.length;
    },
    close: () => queue.close(),
  };
}
