import type { TrialEndingNotice } from "./handle-stripe-webhook.ts";

/** How admins hear, from `customer.subscription.trial_will_end`, that their trial ends soon. */
export interface TrialEndingAlerts {
  /** Called once per delivered event (duplicates are dropped before); must not throw. */
  trialEnding(notice: TrialEndingNotice): Promise<void>;
}

/** The DM: the day the trial ends (UTC) and how an admin subscribes; nothing else. */
export function trialEndingText(trialEndsAt: Date | null): string {
  const when = trialEndsAt ? `ends on ${trialEndsAt.toISOString().slice(0, 10)}` : "ends soon";
  return `Sabio's trial for this workspace ${when}: an admin can subscribe with /sabio billing.`;
}
