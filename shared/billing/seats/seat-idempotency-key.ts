/**
 * One key per intent: "workspace W to N seats, as seat version V". A retry of the same update
 * (after a 5xx, a crash before the result was stored) reuses it and Stripe applies it once; a
 * later change to the same N has a new version, so it is not mistaken for the earlier one.
 */
export function seatIdempotencyKey(workspaceId: string, quantity: number, seatVersion: number): string {
  return `sabio-seats-${workspaceId}-q${quantity}-v${seatVersion}`;
}
