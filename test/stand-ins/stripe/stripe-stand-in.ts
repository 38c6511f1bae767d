import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type FormValue, parseFormBody } from "./form-body.ts";
import { StripeAccount } from "./stripe-account.ts";
import { StripeApiError } from "./stripe-api-error.ts";
import { routeStripe } from "./stripe-routes.ts";

export type {
  StandInCheckoutSession,
  StandInSubscription,
  StandInSubscriptionItem,
} from "./stripe-account.ts";

/** One API call as the stand-in received it. */
export interface StripeRequest {
  method: string;
  /** Without the query string, e.g. /v1/checkout/sessions. */
  path: string;
  body: Record<string, FormValue>;
  idempotencyKey: string | undefined;
  stripeVersion: string | undefined;
  status: number;
  /** True when the answer was the stored one for a repeated Idempotency-Key. */
  replayed: boolean;
}

/** A fault answers matching requests instead of the API; `reset` drops the connection. */
export type StripeFault = { status: 500 | 502 | 503 | 429 | 401 } | { status: "reset" };

export interface StripeStandIn {
  /** e.g. http://127.0.0.1:40123 — STRIPE_API_URL. */
  url: string;
  secretKey: string;
  priceId: string;
  account: StripeAccount;
  /** Every request in arrival order (faults included). */
  requests: StripeRequest[];
  /** Requests to a path (e.g. "/v1/checkout/sessions"), faults included. */
  requestsTo(path: string | RegExp, method?: string): StripeRequest[];
  /** The next `times` requests whose path contains `path` get `fault` (times: Infinity = until cleared). */
  failNext(path: string, fault: StripeFault, times?: number): void;
  clearFaults(): void;
  close(): Promise<void>;
}

/**
 * A local Stripe API on a random port speaking the real wire format: form-encoded bodies, JSON
 * objects back, `{ error: { type, message, code, param } }` on failure, Bearer secret-key auth.
 * Like Stripe, a POST repeated with the same Idempotency-Key gets the first answer replayed (with
 * `Idempotent-Replayed: true`), and the same key with other parameters is an idempotency_error.
 * Faults are not stored under the key (they stand for failures before the API ran).
 */
export async function startStripeStandIn(
  options: { secretKey?: string; priceId?: string } = {},
): Promise<StripeStandIn> {
  const secretKey = options.secretKey ?? "sk_test_standin";
  const priceId = options.priceId ?? "price_standin_seat";
  const account = new StripeAccount();
  const requests: StripeRequest[] = [];
  const faults: { path: string; fault: StripeFault; remaining: number }[] = [];
  const stored = new Map<string, { path: string; body: string; status: number; json: string }>();
  let baseUrl = "";

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(new StripeApiError(500, "api_error", String(error)).body());
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readBody(request);
    const method = request.method ?? "GET";
    const url = new URL(request.url ?? "/", baseUrl);
    const path = url.pathname;
    const body = parseFormBody(method === "GET" ? url.search.slice(1) : raw);
    const idempotencyKey = header(request, "idempotency-key");
    const log: StripeRequest = {
      method,
      path,
      body,
      idempotencyKey,
      stripeVersion: header(request, "stripe-version"),
      status: 0,
      replayed: false,
    };
    requests.push(log);
    const send = (status: number, json: string, extra: Record<string, string> = {}) => {
      log.status = status;
      response.writeHead(status, {
        "content-type": "application/json",
        "request-id": `req_${requests.length}`,
        ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
        ...extra,
      });
      response.end(json);
    };

    const fault = takeFault(path);
    if (fault?.status === "reset") {
      log.status = -1;
      request.socket.destroy();
      return;
    }
    if (fault) {
      const error =
        fault.status === 401
          ? new StripeApiError(401, "invalid_request_error", "Invalid API Key provided: sk_test_****")
          : fault.status === 429
            ? new StripeApiError(429, "invalid_request_error", "Too many requests.", { code: "rate_limit" })
            : new StripeApiError(fault.status, "api_error", "Something went wrong on Stripe's end.");
      send(error.status, error.body());
      return;
    }
    if (header(request, "authorization") !== `Bearer ${secretKey}`) {
      const error = new StripeApiError(401, "invalid_request_error", "Invalid API Key provided.");
      send(401, error.body());
      return;
    }
    if (method === "POST" && idempotencyKey) {
      const previous = stored.get(idempotencyKey);
      if (previous && (previous.path !== path || previous.body !== raw)) {
        const error = new StripeApiError(
          400,
          "idempotency_error",
          "Keys for idempotent requests can only be used with the same parameters they were first used with.",
        );
        send(400, error.body());
        return;
      }
      if (previous) {
        log.replayed = true;
        send(previous.status, previous.json, { "idempotent-replayed": "true" });
        return;
      }
    }
    let status = 200;
    let json: string;
    try {
      json = JSON.stringify(routeStripe({ account, baseUrl, priceId }, method, path, body));
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      status = error.status;
      json = error.body();
    }
    if (method === "POST" && idempotencyKey) stored.set(idempotencyKey, { path, body: raw, status, json });
    send(status, json);
  }

  function takeFault(path: string): StripeFault | undefined {
    const queued = faults.find((entry) => entry.remaining > 0 && path.includes(entry.path));
    if (!queued) return undefined;
    queued.remaining -= 1;
    return queued.fault;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    secretKey,
    priceId,
    account,
    requests,
    requestsTo: (path, method) =>
      requests.filter(
        (request) =>
          (typeof path === "string" ? request.path === path : path.test(request.path)) &&
          (method === undefined || request.method === method),
      ),
    failNext: (path, fault, times = 1) => {
      faults.push({ path, fault, remaining: times });
    },
    clearFaults: () => {
      faults.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The billing variables that point Sabio at `stripe` (PUBLIC_URL is required with the key). */
export function stripeEnv(stripe: Pick<StripeStandIn, "secretKey" | "priceId" | "url">) {
  return {
    STRIPE_SECRET_KEY: stripe.secretKey,
    STRIPE_PRICE_ID: stripe.priceId,
    STRIPE_API_URL: stripe.url,
    PUBLIC_URL: "https://sabio.test",
  };
}
