import { type FormValue, formObject, formString, stringMap } from "./form-body.ts";
import { type StandInCheckoutSession, type StripeAccount, stripeId } from "./stripe-account.ts";
import { invalid, missing, StripeApiError } from "./stripe-api-error.ts";

export interface StripeRouteContext {
  account: StripeAccount;
  /** The stand-in's own base URL: hosted pages (Checkout, Portal) live under it. */
  baseUrl: string;
  /** When set, Checkout line items must use this price (as a real account has only its prices). */
  priceId: string | undefined;
}

/** One API call: method, path and the parsed form body → the JSON object Stripe would return. */
export function routeStripe(
  context: StripeRouteContext,
  method: string,
  path: string,
  body: Record<string, FormValue>,
): object {
  const { account } = context;
  if (method === "POST" && path === "/v1/customers") {
    const customer = {
      id: stripeId("cus"),
      object: "customer" as const,
      created: account.now(),
      name: formString(body, "name") ?? null,
      metadata: stringMap(formObject(body, "metadata")),
      livemode: false as const,
    };
    account.customers.set(customer.id, customer);
    return customer;
  }
  if (method === "POST" && path === "/v1/checkout/sessions") return createCheckoutSession(context, body);
  if (method === "POST" && path === "/v1/billing_portal/sessions") {
    const customer = formString(body, "customer") ?? "";
    if (!account.customers.has(customer)) throw missing("customer", customer, "customer");
    const id = stripeId("bps");
    return {
      id,
      object: "billing_portal.session",
      created: account.now(),
      customer,
      return_url: formString(body, "return_url") ?? null,
      url: `${context.baseUrl}/p/session/${id}`,
      livemode: false,
    };
  }
  const subscriptionPath = /^\/v1\/subscriptions\/([^/]+)$/.exec(path);
  if (subscriptionPath) {
    const id = decodeURIComponent(subscriptionPath[1] ?? "");
    const subscription = account.subscriptions.get(id);
    if (!subscription) throw missing("subscription", id);
    if (method === "POST") {
      const cancel = formString(body, "cancel_at_period_end");
      if (cancel !== undefined) subscription.cancel_at_period_end = cancel === "true";
      Object.assign(subscription.metadata, stringMap(formObject(body, "metadata")));
    }
    return subscription;
  }
  const itemPath = /^\/v1\/subscription_items\/([^/]+)$/.exec(path);
  if (itemPath && method === "POST") {
    const id = decodeURIComponent(itemPath[1] ?? "");
    const item = account.subscriptionItem(id);
    if (!item) throw missing("subscription_item", id);
    const quantity = formString(body, "quantity");
    if (quantity !== undefined) item.quantity = positiveInteger(quantity, "quantity", 0);
    return item;
  }
  throw new StripeApiError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`);
}

function createCheckoutSession(
  context: StripeRouteContext,
  body: Record<string, FormValue>,
): StandInCheckoutSession {
  const mode = formString(body, "mode");
  if (!mode)
    throw new StripeApiError(400, "invalid_request_error", "Missing required param: mode.", {
      param: "mode",
    });
  const successUrl = formString(body, "success_url");
  if (!successUrl) throw invalid("Missing required param: success_url.", "success_url");
  const customer = formString(body, "customer") ?? null;
  if (customer && !context.account.customers.has(customer)) throw missing("customer", customer, "customer");
  const items = Array.isArray(body.line_items) ? body.line_items : [];
  const lineItems = items.map((item, index) => {
    const price = formString(item, "price");
    if (!price) throw invalid("Missing required param: price.", `line_items[${index}][price]`);
    if (context.priceId && price !== context.priceId)
      throw missing("price", price, `line_items[${index}][price]`);
    return {
      price,
      quantity: positiveInteger(formString(item, "quantity") ?? "1", `line_items[${index}][quantity]`, 1),
    };
  });
  if (mode === "subscription" && lineItems.length === 0) {
    throw invalid("You must provide at least one recurring price in `subscription` mode.", "line_items");
  }
  const trial = formString(formObject(body, "subscription_data"), "trial_period_days");
  const id = stripeId("cs_test");
  const session: StandInCheckoutSession = {
    id,
    object: "checkout.session",
    created: context.account.now(),
    mode,
    status: "open",
    url: `${context.baseUrl}/c/pay/${id}`,
    customer,
    client_reference_id: formString(body, "client_reference_id") ?? null,
    subscription: null,
    metadata: stringMap(formObject(body, "metadata")),
    success_url: successUrl,
    cancel_url: formString(body, "cancel_url") ?? "",
    line_items: lineItems,
    // Stripe rejects 0 (and anything under 1): "send no trial" is the only way to have none.
    trial_period_days:
      trial === undefined ? null : positiveInteger(trial, "subscription_data[trial_period_days]", 1),
    livemode: false,
  };
  context.account.sessions.set(id, session);
  return session;
}

function positiveInteger(value: string, param: string, minimum: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum) {
    throw invalid(`Invalid integer: ${value}; must be at least ${minimum}`, param);
  }
  return number;
}
