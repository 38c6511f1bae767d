import type { BillingStatus } from "./billing-status.ts";

/** Whether a workspace's questions get answers, and what to say or do when they don't. */
export type AccessDecision =
  | {
      allowed: true;
      status: BillingStatus /** past_due: tell the admins (at most daily). */;
      warnAdmins: boolean;
    }
  | {
      allowed: false;
      status: BillingStatus /** The polite reply the asker gets instead of an answer. */;
      refusal: string;
    };

export const refusalTexts = {
  trialOver:
    "Sabio's free trial for this workspace has ended, so I can't answer questions right now. " +
    "A workspace admin can start a subscription with `/sabio billing`. Your question was saved.",
  canceled:
    "This workspace's Sabio subscription is not active, so I can't answer questions right now. " +
    "A workspace admin can renew it with `/sabio billing`. Your question was saved.",
} as const;

/**
 * The access rule: trialing/active answer; past_due answers and warns admins; no subscription
 * answers while the local trial runs; after it, or once canceled, a polite refusal naming the fix.
 */
export function decideAccess(facts: {
  status: BillingStatus;
  trialEndsAt: Date | null;
  now: Date;
}): AccessDecision {
  const { status } = facts;
  switch (status) {
    case "off":
    case "trialing":
    case "active":
      return { allowed: true, status, warnAdmins: false };
    case "past_due":
      return { allowed: true, status, warnAdmins: true };
    case "none":
      return facts.trialEndsAt !== null && facts.trialEndsAt.getTime() > facts.now.getTime()
        ? { allowed: true, status, warnAdmins: false }
        : { allowed: false, status, refusal: refusalTexts.trialOver };
    case "canceled":
      return { allowed: false, status, refusal: refusalTexts.canceled };
  }
}
