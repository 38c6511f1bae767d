import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SignalLog } from "../signal-log.ts";
import { DiscordApiError, discordErrors } from "./discord-api-error.ts";
import type { DiscordCall } from "./discord-call.ts";
import type { DiscordWorld } from "./discord-world.ts";
import { type FaultQueue, faultAnswer } from "./fault-queue.ts";
import type { RateLimiter } from "./rate-limits.ts";
import { readDiscordRequest } from "./read-discord-request.ts";
import { matchRoute, type RouteDefinition } from "./rest-route.ts";

export interface RestServerOptions {
  world: DiscordWorld;
  routes: RouteDefinition[];
  log: SignalLog<DiscordCall>;
  faults: FaultQueue;
  interactionWindowMs: number;
  emit(type: string, data: Record<string, unknown>): void;
  /** Discord's per-route buckets on every call (429 once used up); none when undefined. */
  rateLimiter?: RateLimiter;
}

/**
 * Discord's REST API under `/api/v10` on a local port: bot-token auth where Discord wants it, the
 * route's rate limit (when on), queued faults, then the route; every answer recorded with the
 * request that got it.
 */
export async function startRestServer(
  options: RestServerOptions,
): Promise<{ apiUrl: string; close(): Promise<void> }> {
  const { world, routes, log, faults } = options;
  const server = createServer((request, response) => {
    const arrivedAt = world.now();
    readDiscordRequest(request)
      .then((incoming) => {
        const matched =
          incoming.version === "v10" ? matchRoute(routes, incoming.method, incoming.path) : undefined;
        let limitHeaders: Record<string, string> = {};
        const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
          log.record({
            route: matched?.route.name ?? "unknown",
            template: matched
              ? `${matched.route.method} ${matched.route.pattern}`
              : `${incoming.method} ${incoming.path}`,
            method: incoming.method,
            path: incoming.path,
            params: matched?.params ?? {},
            query: Object.fromEntries(incoming.query),
            body: incoming.body,
            status,
            at: arrivedAt,
          });
          send(response, status, body, { ...limitHeaders, ...headers });
        };
        const fail = (error: DiscordApiError) => answer(error.status, error.body());
        if (!matched) return fail(discordErrors.notFound());
        const { route, params } = matched;
        if (route.auth && incoming.authorization !== `Bot ${world.token}`)
          return fail(discordErrors.unauthorized());
        const limit = options.rateLimiter?.take(route.name, params.channel_id ?? "", arrivedAt);
        if (limit) limitHeaders = limit.headers;
        if (limit && !limit.allowed) {
          return answer(429, {
            message: "You are being rate limited.",
            retry_after: limit.retryAfter,
            global: false,
          });
        }
        const fault = faults.take(route.name);
        if (fault) {
          const faulted = faultAnswer(fault, route.name, world.now());
          return answer(faulted.status, faulted.body, faulted.headers);
        }
        try {
          const result = route.handle({
            params,
            query: incoming.query,
            body: isRecord(incoming.body) ? incoming.body : {},
            rawBody: incoming.body,
            world,
            emit: options.emit,
            interactionWindowMs: options.interactionWindowMs,
          });
          return answer(result.status, result.body);
        } catch (error) {
          if (error instanceof DiscordApiError) return fail(error);
          throw error;
        }
      })
      .catch((error: unknown) => {
        if (error instanceof SyntaxError) {
          return send(response, 400, { message: "The request body contains invalid JSON.", code: 50109 });
        }
        return send(response, 500, { message: "500: Internal Server Error", code: 0, detail: String(error) });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.destroyed) return;
  if (status === 204) {
    response.writeHead(204, headers).end();
    return;
  }
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}
