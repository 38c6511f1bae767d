/** A change waits this long for others (two people joining in the same minute: one update). */
export const seatCoalesceMs = 60_000;
/** At most one quantity update an hour per workspace (Stripe caps updates and invoices). */
export const seatMinIntervalMs = 3_600_000;

/** How long until the next seat update may run: a minute from now, and an hour after the last one. */
export function seatSyncDelayMs(seatsSyncedAt: Date | null, now: Date, coalesceMs = seatCoalesceMs): number {
  const hourAfterLast = seatsSyncedAt ? seatsSyncedAt.getTime() + seatMinIntervalMs - now.getTime() : 0;
  return Math.max(coalesceMs, hourAfterLast);
}
