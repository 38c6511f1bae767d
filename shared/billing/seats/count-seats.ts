import { and, count, eq, gt } from "drizzle-orm";
import type { Db } from "#shared/db/database.ts";
import { members } from "#shared/db/schema.ts";

/** Fair billing like Slack's: a member is a seat while they used Sabio in the last 28 days. */
export const seatWindowDays = 28;
export const seatWindowMs = seatWindowDays * 24 * 3600 * 1000;

/** Active people on any platform (bots free), at least one: a subscription can't have zero seats. */
export async function countSeats(db: Db, workspaceId: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - seatWindowMs);
  const rows = await db
    // One row per (platform, user id): the same person on Slack and Discord is two identities.
    .select({ seats: count() })
    .from(members)
    .where(
      and(eq(members.workspaceId, workspaceId), eq(members.isBot, false), gt(members.lastActiveAt, since)),
    );
  return Math.max(1, Number(rows[0]?.seats ?? 0));
}
