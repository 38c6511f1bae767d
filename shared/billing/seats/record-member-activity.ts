import { and, eq, sql } from "drizzle-orm";
import type { Db } from "#shared/db/database.ts";
import { type MemberActivity, members } from "#shared/db/schema.ts";
import { seatWindowMs } from "./count-seats.ts";

/** Someone who used Sabio: asked, gave feedback or reviewed an answer. */
export interface MemberActivityInput {
  workspaceId: string;
  platform: string;
  userId: string;
  activity: MemberActivity;
  at: Date;
  /** The platform says this is a bot or integration: never billed. Once a bot, always a bot. */
  isBot?: boolean;
}

/**
 * Upserts the member with their latest activity. Returns whether this made them newly active (new,
 * or idle for longer than the seat window): only then can the seat count have gone up.
 */
export async function recordMemberActivity(
  db: Db,
  input: MemberActivityInput,
): Promise<{ becameActive: boolean }> {
  const key = and(
    eq(members.workspaceId, input.workspaceId),
    eq(members.platform, input.platform),
    eq(members.userId, input.userId),
  );
  const before = (await db.select({ lastActiveAt: members.lastActiveAt }).from(members).where(key))[0];
  await db
    .insert(members)
    .values({
      workspaceId: input.workspaceId,
      platform: input.platform,
      userId: input.userId,
      isBot: input.isBot ?? false,
      lastActivity: input.activity,
      lastActiveAt: input.at,
      firstSeenAt: input.at,
    })
    .onConflictDoUpdate({
      target: [members.workspaceId, members.platform, members.userId],
      set: {
        // A retried job carries its original time: never move activity back.
        lastActivity: sql`case when excluded.last_active_at >= ${members.lastActiveAt} then excluded.last_activity else ${members.lastActivity} end`,
        lastActiveAt: sql`greatest(${members.lastActiveAt}, excluded.last_active_at)`,
        isBot: sql`${members.isBot} or excluded.is_bot`,
      },
    });
  const becameActive = !before || before.lastActiveAt.getTime() <= input.at.getTime() - seatWindowMs;
  return { becameActive };
}
