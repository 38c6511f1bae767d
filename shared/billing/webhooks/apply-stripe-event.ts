import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { ZodError } from "zod";
import type { Db } from "#shared/db/database.ts";
import { stripeEvents } from "#shared/db/schema.ts";
import type { EventEffect } from "./apply-subscription-snapshot.ts";
import { type HandlerContext, stripeEventHandlers } from "./stripe-event-handlers.ts";

export type AppliedStripeEvent =
  | { outcome: "duplicate" }
  | { outcome: "ignored"; reason: string }
  | { outcome: "stale"; workspaceId: string }
  | { outcome: "applied"; effect: Extract<EventEffect, { kind: "applied" }> };

/** Thrown inside the transaction to roll back the record of an event nobody here owns. */
class NoTarget extends Error {}

/**
 * Applies a verified event once: its id goes into stripe_events in the same transaction as its
 * effect, so a redelivery — even one running at the same moment — finds the id taken and changes
 * nothing. A database error rejects (the caller answers 5xx and Stripe retries).
 */
export async function applyStripeEvent(
  db: Db,
  event: Stripe.Event,
  context: HandlerContext = {},
): Promise<AppliedStripeEvent> {
  const handler = stripeEventHandlers[event.type];
  if (!handler) return { outcome: "ignored", reason: "unhandled type" };
  try {
    return await db.transaction(async (tx) => {
      const [fresh] = await tx
        .insert(stripeEvents)
        .values({ eventId: event.id, type: event.type, createdAt: new Date(event.created * 1000) })
        .onConflictDoNothing({ target: stripeEvents.eventId })
        .returning({ eventId: stripeEvents.eventId });
      if (!fresh) return { outcome: "duplicate" } as const;
      const effect = await handler(tx, event, context);
      // Nothing changes for an unknown workspace, and nothing is remembered either.
      if (effect.kind === "unknown") throw new NoTarget(effect.reason);
      await tx
        .update(stripeEvents)
        .set({ workspaceId: effect.workspaceId })
        .where(eq(stripeEvents.eventId, event.id));
      return effect.kind === "stale"
        ? ({ outcome: "stale", workspaceId: effect.workspaceId } as const)
        : ({ outcome: "applied", effect } as const);
    });
  } catch (error) {
    if (error instanceof NoTarget) return { outcome: "ignored", reason: error.message };
    // A shape we cannot read will not read better on a retry; the dashboard can resend it once fixed.
    if (error instanceof ZodError) return { outcome: "ignored", reason: "unreadable payload" };
    throw error;
  }
}

/** Whether the event was applied already: lets a redelivery skip work done before the transaction. */
export async function stripeEventSeen(db: Db, eventId: string): Promise<boolean> {
  const rows = await db
    .select({ eventId: stripeEvents.eventId })
    .from(stripeEvents)
    .where(eq(stripeEvents.eventId, eventId));
  return rows.length > 0;
}
