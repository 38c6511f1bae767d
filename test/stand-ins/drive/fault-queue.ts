import { DriveApiError, driveErrors } from "./drive-api-error.ts";
import { type OAuthError, oauthErrors } from "./oauth-error.ts";

/**
 * What the next call(s) to a route answer instead. Rate limits come as Drive sends them: 403 with
 * `userRateLimitExceeded`/`rateLimitExceeded` or 429, each with `Retry-After` (seconds) when given.
 * `incompleteSearch` is no error: the listing answers `incompleteSearch: true` and leaves out `omit`.
 */
export type DriveFault =
  | { rateLimit: "userRateLimitExceeded" | "rateLimitExceeded"; retryAfter?: number }
  | { status: 429; retryAfter?: number }
  | { status: 401 | 500 | 502 | 503 }
  | { status: number; reason: string; message?: string }
  | { invalidGrant: true }
  | { incompleteSearch: true; omit?: string[] }
  | { reset: true };

export interface FaultQueue {
  add(route: string, fault: DriveFault, times: number): void;
  /** The fault for this call to `route` (or queued for "*"), used up as it is taken. */
  take(route: string): DriveFault | undefined;
  clear(): void;
}

export function createFaultQueue(): FaultQueue {
  const pending = new Map<string, DriveFault[]>();
  return {
    add(route, fault, times) {
      const queue = pending.get(route) ?? [];
      for (let index = 0; index < times; index += 1) queue.push(fault);
      pending.set(route, queue);
    },
    take: (route) => pending.get(route)?.shift() ?? pending.get("*")?.shift(),
    clear: () => pending.clear(),
  };
}

/** The error a fault answers with (undefined for the ones a route handles itself). */
export function faultError(fault: DriveFault): DriveApiError | OAuthError | undefined {
  if ("rateLimit" in fault) return driveErrors.rateLimited(fault.rateLimit, fault.retryAfter);
  if ("invalidGrant" in fault) return oauthErrors.revoked();
  if ("incompleteSearch" in fault || "reset" in fault) return undefined;
  if ("reason" in fault) {
    return new DriveApiError(fault.status, {
      domain: "global",
      reason: fault.reason,
      message: fault.message ?? fault.reason,
    });
  }
  if (fault.status === 429)
    return driveErrors.tooManyRequests("retryAfter" in fault ? fault.retryAfter : undefined);
  if (fault.status === 401) return driveErrors.unauthenticated();
  return driveErrors.serverError(fault.status);
}
