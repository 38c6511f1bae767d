import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** One POST /v1/subscription_items/:id as Stripe received it. */
export interface SeatUpdateRequest {
  itemId: string;
  quantity: number;
  prorationBehavior: string | null;
  idempotencyKey: string | undefined;
}

export interface SubscriptionItemsStandIn {
  /** For STRIPE_API_URL. */
  readonly url: string;
  /** Every update received, failed ones included, in order. */
  readonly requests: SeatUpdateRequest[];
  /** The quantity each item has now (only successful updates count). */
  readonly quantities: Map<string, number>;
  /** The next `count` updates answer 500 (Stripe's api_error) without applying. */
  failNext(count: number): void;
  /** Resolves once `count` requests have arrived in total. */
  received(count: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Just enough of Stripe for seat sync (until B1's test/stand-ins/stripe/ covers it): updates a
 * subscription item's quantity from the form-encoded body, replays the stored response for an
 * idempotency key it has seen (as Stripe does), and can fail with a 5xx.
 */
export async function startSubscriptionItemsStandIn(): Promise<SubscriptionItemsStandIn> {
  const requests: SeatUpdateRequest[] = [];
  const quantities = new Map<string, number>();
  const replies = new Map<string, string>();
  const waiters: { count: number; resolve: () => void }[] = [];
  let failures = 0;

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const match = /^\/v1\/subscription_items\/([^/?]+)$/.exec(request.url ?? "");
      if (request.method !== "POST" || !match?.[1]) {
        response.writeHead(404, { "content-type": "application/json" });
        response.end(
          JSON.stringify({ error: { type: "invalid_request_error", message: "Unrecognized request URL" } }),
        );
        return;
      }
      const itemId = decodeURIComponent(match[1]);
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const header = request.headers["idempotency-key"];
      const idempotencyKey = Array.isArray(header) ? header[0] : header;
      requests.push({
        itemId,
        quantity: Number(form.get("quantity")),
        prorationBehavior: form.get("proration_behavior"),
        idempotencyKey,
      });
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      if (failures > 0) {
        failures -= 1;
        response.writeHead(500, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: { type: "api_error", message: "An unknown error occurred" } }));
        return;
      }
      const replayed = idempotencyKey === undefined ? undefined : replies.get(idempotencyKey);
      if (replayed) {
        response.writeHead(200, { "content-type": "application/json", "idempotent-replayed": "true" });
        response.end(replayed);
        return;
      }
      const quantity = Number(form.get("quantity"));
      quantities.set(itemId, quantity);
      const body = JSON.stringify({ id: itemId, object: "subscription_item", quantity });
      if (idempotencyKey !== undefined) replies.set(idempotencyKey, body);
      response.writeHead(200, { "content-type": "application/json" });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    quantities,
    failNext(count) {
      failures = count;
    },
    received(count) {
      if (requests.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
