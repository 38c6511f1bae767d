import { randomUUID } from "node:crypto";
import type { Job } from "bullmq";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billingAccounts } from "#shared/db/schema.ts";
import { isAppError } from "#shared/errors/app-error.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { waitFor } from "#test/helpers/wait-for.ts";
import { type StripeStandIn, startStripeStandIn } from "#test/stand-ins/stripe/stripe-stand-in.ts";
import { createStripeBillingProvider } from "../stripe/stripe-billing-provider.ts";
import { createStripeClient } from "../stripe/stripe-client.ts";
import { memberActivityFromEnv } from "./member-activity-from-env.ts";
import { memberActivityLog } from "./member-activity-log.ts";
import { recordMemberActivity } from "./record-member-activity.ts";
import { seatIdempotencyKey } from "./seat-idempotency-key.ts";
import { type RunningSeatSync, startSeatSync } from "./start-seat-sync.ts";
import { syncSeats } from "./sync-seats.ts";

const postgres = testDatabaseBackends.find((backend) => backend.kind === "postgres");
if (!postgres) throw new Error("postgres backend missing");
const minute = 60_000;

/** Seat sync end to end: real Redis (BullMQ delayed jobs), PostgreSQL, stripe-node against a stand-in. */
describe("seat sync (Redis, PostgreSQL, Stripe stand-in)", () => {
  const db = useTestDatabase(postgres);
  const prefix = randomPrefix();
  const logger = silentLogger();
  const workerRedis = createRedisConnection(testRedisUrl, {
    role: "worker",
    name: "seats-test-worker",
    logger,
  });
  const producerRedis = createRedisConnection(testRedisUrl, {
    role: "producer",
    name: "seats-test-producer",
    logger,
  });
  /** The injected clock: seat windows and delays are computed from it, never from wall time. */
  let clock = new Date("2026-12-01T12:00:00Z");
  const now = () => clock;
  let stripe: StripeStandIn;
  let seats: RunningSeatSync;
  const started: RunningSeatSync[] = [];
  const provider = () =>
    createStripeBillingProvider(createStripeClient({ secretKey: stripe.secretKey, apiUrl: stripe.url }), {
      priceId: stripe.priceId,
    });
  const start = async () => {
    const running = startSeatSync({
      db: db(),
      provider: provider(),
      workerRedis,
      producerRedis,
      logger,
      prefix,
      now,
    });
    started.push(running);
    await running.ready();
    return running;
  };

  beforeAll(async () => {
    stripe = await startStripeStandIn();
    seats = await start();
  });
  afterAll(async () => {
    for (const running of started) await running.close(true);
    await removeQueues(producerRedis, prefix);
    await closeRedisConnection(workerRedis);
    await closeRedisConnection(producerRedis);
    await stripe.close();
  });

  /** A workspace with a subscription whose item Stripe has at `syncedSeats`. */
  async function subscribed(fields: { syncedSeats: number; seatsSyncedAt?: Date }) {
    const workspaceId = `ws-${randomUUID().slice(0, 8)}`;
    const itemId = `si_${workspaceId}`;
    await db()
      .insert(billingAccounts)
      .values({
        workspaceId,
        customerId: `cus_${workspaceId}`,
        subscriptionId: `sub_${workspaceId}`,
        subscriptionItemId: itemId,
        subscriptionStatus: "active",
        syncedSeats: fields.syncedSeats,
        seatsSyncedAt: fields.seatsSyncedAt ?? null,
      });
    const created = Math.floor(clock.getTime() / 1000);
    stripe.account.subscriptions.set(`sub_${workspaceId}`, {
      id: `sub_${workspaceId}`,
      object: "subscription",
      created,
      customer: `cus_${workspaceId}`,
      status: "active",
      cancel_at_period_end: false,
      trial_end: null,
      metadata: { workspace_id: workspaceId },
      items: {
        object: "list",
        has_more: false,
        url: `/v1/subscription_items?subscription=sub_${workspaceId}`,
        data: [
          {
            id: itemId,
            object: "subscription_item",
            created,
            subscription: `sub_${workspaceId}`,
            quantity: fields.syncedSeats,
            price: { id: stripe.priceId, object: "price" },
            current_period_start: created,
            current_period_end: created + 30 * 24 * 3600,
          },
        ],
      },
      livemode: false,
    });
    return { workspaceId, itemId };
  }
  /** The quantity updates Stripe received for the item, failed ones included. */
  const updatesOf = (itemId: string) =>
    stripe.requestsTo(`/v1/subscription_items/${itemId}`, "POST").map((request) => ({
      itemId,
      quantity: Number(request.body.quantity),
      prorationBehavior: request.body.proration_behavior,
      idempotencyKey: request.idempotencyKey,
    }));
  const stripeQuantity = (itemId: string) => stripe.account.subscriptionItem(itemId)?.quantity;
  const account = async (workspaceId: string) =>
    (await db().select().from(billingAccounts).where(eq(billingAccounts.workspaceId, workspaceId)))[0];
  const waitingJobs = async (workspaceId: string) =>
    (await seats.scheduler.queue.getDelayed()).filter((job: Job) => job.data.workspaceId === workspaceId);
  /** Fires the workspace's one waiting job now (instead of after its delay) and waits until it is done. */
  async function runWaiting(workspaceId: string) {
    const [job] = await waitingJobs(workspaceId);
    if (!job?.id) throw new Error(`no seat sync waiting for ${workspaceId}`);
    await job.promote();
    const id = job.id;
    await waitFor(async () => ((await seats.scheduler.queue.getJob(id))?.finishedOn ? true : undefined));
    return job;
  }
  const activity = () => memberActivityLog(db(), { seats: seats.scheduler, logger });

  it("gathers two new people within the minute into one update to the new total, then waits out the hour", async () => {
    const { workspaceId, itemId } = await subscribed({ syncedSeats: 1 });
    await activity().record({ workspaceId, platform: "slack", userId: "U1", activity: "asked", at: clock });
    clock = new Date(clock.getTime() + 20_000);
    await activity().record({ workspaceId, platform: "discord", userId: "D2", activity: "asked", at: clock });
    // A bot joining changes nothing: no job for it, and it is not counted.
    await activity().record({
      workspaceId,
      platform: "slack",
      userId: "B3",
      activity: "asked",
      at: clock,
      isBot: true,
    });

    const waiting = await waitingJobs(workspaceId);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]?.delay).toBe(minute);
    await runWaiting(workspaceId);

    expect(updatesOf(itemId)).toEqual([
      {
        itemId,
        quantity: 2,
        prorationBehavior: "create_prorations",
        idempotencyKey: seatIdempotencyKey(workspaceId, 2, 1),
      },
    ]);
    expect(await account(workspaceId)).toMatchObject({
      syncedSeats: 2,
      seatVersion: 1,
      seatsSyncedAt: clock,
    });
    expect(stripeQuantity(itemId)).toBe(2);

    // Ten minutes later someone else joins: the update waits for the rest of the hour.
    const syncedAt = clock;
    clock = new Date(clock.getTime() + 10 * minute);
    await activity().record({
      workspaceId,
      platform: "slack",
      userId: "U4",
      activity: "feedback",
      at: clock,
    });
    const next = await waitingJobs(workspaceId);
    expect(next).toHaveLength(1);
    expect(next[0]?.delay).toBe(syncedAt.getTime() + 60 * minute - clock.getTime());
    expect(next[0]?.delay).toBe(50 * minute);
    await runWaiting(workspaceId);
    expect(updatesOf(itemId).map((update) => update.quantity)).toEqual([2, 3]);
  });

  it("sends nothing when the count is what Stripe already has", async () => {
    const { workspaceId, itemId } = await subscribed({ syncedSeats: 2 });
    await recordMemberActivity(db(), {
      workspaceId,
      platform: "slack",
      userId: "U1",
      activity: "asked",
      at: clock,
    });
    await activity().record({
      workspaceId,
      platform: "slack",
      userId: "U2",
      activity: "reviewed",
      at: clock,
    });
    await runWaiting(workspaceId);
    expect(updatesOf(itemId)).toEqual([]);
    expect(await account(workspaceId)).toMatchObject({ syncedSeats: 2, seatVersion: 0 });
  });

  it("retries a failed update (Stripe 5xx) with the same idempotency key, applied once", async () => {
    const { workspaceId, itemId } = await subscribed({ syncedSeats: 1 });
    for (const userId of ["U1", "U2", "U3"]) {
      await recordMemberActivity(db(), {
        workspaceId,
        platform: "slack",
        userId,
        activity: "asked",
        at: clock,
      });
    }
    // Both of stripe-node's tries fail: the job fails and BullMQ tries again later.
    stripe.failNext(`/v1/subscription_items/${itemId}`, { status: 500 }, 2);
    const dependencies = { db: db(), provider: provider(), now };
    const failure = await syncSeats(dependencies, workspaceId).catch((error: unknown) => error);
    expect(isAppError(failure) && failure.retryable).toBe(true);
    expect(await account(workspaceId)).toMatchObject({ syncedSeats: 1, seatVersion: 0 });

    expect(await syncSeats(dependencies, workspaceId)).toMatchObject({
      kind: "updated",
      seats: 3,
      seatVersion: 1,
    });
    const keys = updatesOf(itemId).map((update) => update.idempotencyKey);
    expect(keys).toHaveLength(3);
    expect(new Set(keys)).toEqual(new Set([seatIdempotencyKey(workspaceId, 3, 1)]));
    expect(stripeQuantity(itemId)).toBe(3);
    // Done: a further run finds nothing to change.
    expect(await syncSeats(dependencies, workspaceId)).toEqual({ kind: "unchanged", seats: 3 });
    expect(updatesOf(itemId)).toHaveLength(3);
  });

  it("reconciles at start: a quantity that drifted while nobody was running is corrected", async () => {
    // Stripe has 5 seats; since then only one person is still active (the others aged out).
    const { workspaceId, itemId } = await subscribed({
      syncedSeats: 5,
      seatsSyncedAt: new Date(clock.getTime() - 2 * 60 * minute),
    });
    await recordMemberActivity(db(), {
      workspaceId,
      platform: "slack",
      userId: "U1",
      activity: "asked",
      at: new Date(clock.getTime() - 3 * 24 * 60 * minute),
    });
    await recordMemberActivity(db(), {
      workspaceId,
      platform: "slack",
      userId: "U-gone",
      activity: "asked",
      at: new Date(clock.getTime() - 29 * 24 * 60 * minute),
    });
    await start();
    await waitFor(async () => (updatesOf(itemId).length > 0 ? true : undefined));
    expect(updatesOf(itemId)).toMatchObject([
      { quantity: 1, idempotencyKey: seatIdempotencyKey(workspaceId, 1, 1) },
    ]);
    await waitFor(async () => ((await account(workspaceId))?.syncedSeats === 1 ? true : undefined));
    expect(stripeQuantity(itemId)).toBe(1);
  });

  it("schedules nothing for a workspace without a subscription, or when billing is off", async () => {
    const workspaceId = `ws-${randomUUID().slice(0, 8)}`;
    await activity().record({ workspaceId, platform: "slack", userId: "U1", activity: "asked", at: clock });
    const { workspaceId: subscribedId } = await subscribed({ syncedSeats: 1 });
    // No scheduler: what the roles wire when STRIPE_SECRET_KEY is unset.
    await memberActivityLog(db()).record({
      workspaceId: subscribedId,
      platform: "slack",
      userId: "U1",
      activity: "asked",
      at: clock,
    });
    await memberActivityFromEnv({ QUEUE_PREFIX: prefix }, { db: db(), producerRedis, logger }).record({
      workspaceId: subscribedId,
      platform: "slack",
      userId: "U2",
      activity: "feedback",
      at: clock,
    });
    expect(await waitingJobs(workspaceId)).toEqual([]);
    expect(await waitingJobs(subscribedId)).toEqual([]);
    // With a key, the bots' review buttons schedule the sync too.
    const withKey = { STRIPE_SECRET_KEY: "sk_test_seats", QUEUE_PREFIX: prefix };
    await memberActivityFromEnv(withKey, { db: db(), producerRedis, logger }).record({
      workspaceId: subscribedId,
      platform: "slack",
      userId: "U3",
      activity: "reviewed",
      at: clock,
    });
    expect(await waitingJobs(subscribedId)).toHaveLength(1);
  });
});
