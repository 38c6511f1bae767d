/**
 * What seat sync needs from the billing provider: set the subscription item's quantity. B1's
 * BillingProvider (shared/billing/) has this method; seat sync depends on this slice only.
 */
export interface SeatQuantityProvider {
  /**
   * Sets the quantity with `proration_behavior: create_prorations`. Throws an AppError whose
   * `retryable` says whether trying again (with the same key) can help.
   */
  updateSeatQuantity(request: {
    subscriptionItemId: string;
    quantity: number;
    /** Derived from the intent (workspace, quantity, seat version): a retry reuses it. */
    idempotencyKey: string;
  }): Promise<void>;
}
