import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

// Billing's tables (members, billing accounts, Stripe events), re-exported by schema.ts: drizzle-kit
// loads them through it. Keep imports to drizzle and types.

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const memberActivities = ["asked", "feedback", "reviewed"] as const;
export type MemberActivity = (typeof memberActivities)[number];

/**
 * Everyone who used Sabio in a workspace, per platform identity, with their last activity: the
 * seat count (active in the last 28 days, bots free, at least one) is read from here.
 */
export const members = pgTable(
  "members",
  {
    workspaceId: text("workspace_id").notNull(),
    platform: text("platform").notNull(),
    userId: text("user_id").notNull(),
    /** Bots (and integrations posting as users) are never billed. */
    isBot: boolean("is_bot").notNull().default(false),
    lastActivity: text("last_activity").$type<MemberActivity>().notNull(),
    lastActiveAt: timestamp("last_active_at", { withTimezone: true }).notNull().defaultNow(),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.platform, table.userId] }),
    index("members_workspace_active_index").on(table.workspaceId, table.lastActiveAt),
  ],
);

/**
 * A workspace's Stripe customer and subscription as the webhooks last told it: status (Stripe's
 * own word), trial end, the seat quantity Stripe has and the seat version it was set from. One row
 * per workspace, made when billing first looks at it (the trial starts then).
 */
export const billingAccounts = pgTable("billing_accounts", {
  workspaceId: text("workspace_id").primaryKey(),
  customerId: text("customer_id").unique("billing_accounts_customer_id_unique"),
  subscriptionId: text("subscription_id").unique("billing_accounts_subscription_id_unique"),
  subscriptionItemId: text("subscription_item_id"),
  /** Stripe's subscription status (trialing, active, past_due, canceled, unpaid, incomplete…); null = none yet. */
  subscriptionStatus: text("subscription_status"),
  /** Until when the workspace may answer without a subscription (or the subscription's trial end). */
  trialEndsAt: timestamp("trial_ends_at", { withTimezone: true }),
  currentPeriodEnd: timestamp("current_period_end", { withTimezone: true }),
  /** `created` of the newest subscription event applied: an older one arriving later changes nothing. */
  subscriptionEventAt: timestamp("subscription_event_at", { withTimezone: true }),
  /** The quantity Stripe has for the seat item, and the seat version it was set from. */
  syncedSeats: integer("synced_seats"),
  seatVersion: integer("seat_version").notNull().default(0),
  seatsSyncedAt: timestamp("seats_synced_at", { withTimezone: true }),
  /** Admins are warned about a failed payment at most once a day. */
  pastDueWarnedAt: timestamp("past_due_warned_at", { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Every Stripe event applied, under its id: a redelivery (even a concurrent one) is applied once. */
export const stripeEvents = pgTable("stripe_events", {
  eventId: text("event_id").primaryKey(),
  type: text("type").notNull(),
  /** The event's own `created` (Stripe's clock). */
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  workspaceId: text("workspace_id"),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

export type MemberRow = typeof members.$inferSelect;
export type BillingAccountRow = typeof billingAccounts.$inferSelect;
export type StripeEventRow = typeof stripeEvents.$inferSelect;
