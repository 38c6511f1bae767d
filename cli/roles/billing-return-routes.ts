import type { Hono } from "hono";
import { plainPage } from "#connectors/oauth/oauth-connect-page.ts";

const headers = { "cache-control": "no-store", "x-content-type-options": "nosniff" };

/**
 * Where Stripe Checkout sends the admin back (success_url, cancel_url). The subscription itself
 * arrives by webhook, so these pages only say what happens next; they read nothing from the query.
 */
export function addBillingReturnRoutes(app: Hono): void {
  app.get("/billing/done", (context) =>
    context.html(
      plainPage("Subscription started", [
        "Thank you: Stripe has your subscription. Sabio turns answers back on as soon as Stripe confirms it, usually within a minute.",
        "You can close this page. <code>/sabio billing</code> shows the subscription and opens the Customer Portal.",
      ]),
      200,
      headers,
    ),
  );
  app.get("/billing/canceled", (context) =>
    context.html(
      plainPage("No subscription started", [
        "Checkout was left before paying, so nothing was charged and nothing changed.",
        "Start again any time with <code>/sabio billing</code> or <code>sabio billing --workspace W</code>.",
      ]),
      200,
      headers,
    ),
  );
}
