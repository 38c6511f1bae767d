import type { Db } from "#shared/db/database.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { type MemberActivityInput, recordMemberActivity } from "./record-member-activity.ts";
import type { SeatSyncScheduler } from "./seat-sync-scheduler.ts";

/** The one hook askers, voters and reviewers pass through (answer job, review service). */
export interface MemberActivityLog {
  record(input: MemberActivityInput): Promise<void>;
}

export interface MemberActivityLogOptions {
  /** Set when billing is on: someone newly active asks for a seat sync. */
  seats?: SeatSyncScheduler;
  logger?: Logger;
}

/**
 * Stores the activity (always: the count is right whenever billing is turned on) and, when it made
 * someone newly active, schedules the seat sync. A failing schedule (Redis down) is only logged:
 * the hourly reconcile catches up, and the question or vote must not fail for billing's sake.
 */
export function memberActivityLog(db: Db, options: MemberActivityLogOptions = {}): MemberActivityLog {
  return {
    async record(input) {
      const { becameActive } = await recordMemberActivity(db, input);
      if (!becameActive || input.isBot || !options.seats) return;
      try {
        await options.seats.schedule(input.workspaceId);
      } catch (error) {
        options.logger?.warn(
          { err: errorMessage(error), workspaceId: input.workspaceId },
          "could not schedule a seat sync; the hourly reconcile will",
        );
      }
    },
  };
}
