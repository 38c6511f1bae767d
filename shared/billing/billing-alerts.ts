/** How admins hear that a workspace's payment failed (Slack or Discord DMs, by where they connected). */
export interface BillingAlerts {
  /** Called at most once a day per past-due workspace; must not throw. */
  paymentFailed(workspaceId: string): Promise<void>;
}

export const paymentFailedText =
  "Sabio: the latest payment for this workspace failed. Answers continue for now; " +
  "run `/sabio billing` (or `sabio billing --workspace <id>`) to update the payment method in Stripe's Customer Portal.";
