import { DiscordApiError } from "./discord-api-error.ts";

/**
 * What the next call(s) to a route answer instead of the real thing: a 429 (`retryAfter` in seconds,
 * fractions allowed so tests stay fast; `global` sets `X-RateLimit-Global`), a bare 5xx, or an error body
 * such as `{ status: 403, code: 50013, message: "Missing Permissions" }`.
 */
export type DiscordFault =
  | { rateLimited: { retryAfter: number; global?: boolean; scope?: "user" | "shared" | "global" } }
  | { status: 500 | 502 | 503 | 504 }
  | { status: number; code: number; message: string };

export interface FaultQueue {
  add(route: string, fault: DiscordFault, times: number): void;
  /** The fault for this call to `route`, used up as it is taken. */
  take(route: string): DiscordFault | undefined;
}

export function createFaultQueue(): FaultQueue {
  const pending = new Map<string, DiscordFault[]>();
  return {
    add(route, fault, times) {
      const queue = pending.get(route) ?? [];
      for (let index = 0; index < times; index += 1) queue.push(fault);
      pending.set(route, queue);
    },
    take: (route) => pending.get(route)?.shift(),
  };
}

/** Discord's 403 for a missing channel permission (e.g. Create Public Threads). */
export const missingPermissions: DiscordFault = { status: 403, code: 50013, message: "Missing Permissions" };

export interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** The HTTP answer for a fault, with the headers @discordjs/rest reads on a 429. */
export function faultAnswer(fault: DiscordFault, route: string, nowMs: number): FaultAnswer {
  if ("rateLimited" in fault) {
    const { retryAfter, global = false } = fault.rateLimited;
    const scope = fault.rateLimited.scope ?? (global ? "global" : "user");
    const headers: Record<string, string> = {
      "retry-after": String(retryAfter),
      "x-ratelimit-scope": scope,
    };
    if (global) headers["x-ratelimit-global"] = "true";
    else {
      Object.assign(headers, {
        "x-ratelimit-limit": "5",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": ((nowMs + retryAfter * 1000) / 1000).toFixed(3),
        "x-ratelimit-reset-after": retryAfter.toFixed(3),
        "x-ratelimit-bucket": `stand-in-${route}`,
      });
    }
    return {
      status: 429,
      headers,
      body: { message: "You are being rate limited.", retry_after: retryAfter, global },
    };
  }
  if ("code" in fault) {
    return {
      status: fault.status,
      headers: {},
      body: new DiscordApiError(fault.status, fault.code, fault.message).body(),
    };
  }
  return { status: fault.status, headers: {}, body: { message: `${fault.status}: Server Error`, code: 0 } };
}
