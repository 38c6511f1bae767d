/** What Sabio asks of a payment provider; the Stripe adapter is the one implementation. */
export interface BillingProvider {
  /** A hosted Checkout page that subscribes the workspace to `seats` seats. */
  createCheckoutSession(request: CheckoutRequest): Promise<{ url: string; customerId: string }>;
  /** A hosted page where an admin changes the payment method, sees invoices or cancels. */
  createPortalSession(request: { customerId: string; returnUrl: string }): Promise<{ url: string }>;
  /** Sets the seat item's quantity (prorated); the key is derived from the intent, so a retry reuses it. */
  updateSeatQuantity(request: {
    subscriptionItemId: string;
    quantity: number;
    idempotencyKey: string;
  }): Promise<void>;
}

export interface CheckoutRequest {
  workspaceId: string;
  /** The workspace's name, shown to the payer. */
  workspaceName?: string;
  /** The customer made for the workspace earlier, if any (else one is made). */
  customerId: string | null;
  /** At least 1. */
  seats: number;
  /** Whole days of trial left on the subscription; left out for none (a provider may reject 0). */
  trialDays?: number;
  successUrl: string;
  cancelUrl: string;
}
