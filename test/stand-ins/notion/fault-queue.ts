import { NotionApiError } from "./notion-api-error.ts";

export type NotionFault =
  | { status: 429; retryAfter?: number }
  | { status: 529; retryAfter?: number }
  | { status: 500 }
  | { status: 502 }
  | { status: 503; retryAfter?: number }
  | { status: 504 }
  | { status: 404 }
  | { status: 401; code?: "unauthorized" }
  /** No HTTP answer at all: the connection is dropped (the client sees a network error). */
  | { status: "reset" };

/** Matches an HTTP method ("GET", "POST"), a path fragment ("/v1/search", "/blocks/") or a path RegExp. */
export type RequestPattern = string | RegExp;

interface QueuedFault {
  pattern: RequestPattern;
  fault: NotionFault;
  remaining: number;
}

export function matches(pattern: RequestPattern, method: string, path: string): boolean {
  if (pattern instanceof RegExp) return pattern.test(path);
  return pattern === method || path.includes(pattern);
}

/** Faults waiting for the requests they match; each answers `times` requests, then is gone. */
export function createFaultQueue() {
  const queue: QueuedFault[] = [];
  return {
    add(pattern: RequestPattern, fault: NotionFault, times: number): void {
      queue.push({ pattern, fault, remaining: times });
    },
    take(method: string, path: string): NotionFault | undefined {
      const queued = queue.find((entry) => entry.remaining > 0 && matches(entry.pattern, method, path));
      if (!queued) return undefined;
      queued.remaining -= 1;
      return queued.fault;
    },
    /** Drops every fault still waiting. */
    clear(): void {
      queue.length = 0;
    },
  };
}

export function faultError(fault: Exclude<NotionFault, { status: "reset" }>, path: string): NotionApiError {
  switch (fault.status) {
    case 429:
      return new NotionApiError(
        429,
        "rate_limited",
        "You have been rate limited. Please try again in a few minutes.",
        {
          "retry-after": String(fault.retryAfter ?? 1),
        },
      );
    case 529:
      return new NotionApiError(529, "service_overload", "Notion is overloaded. Please try again later.", {
        "retry-after": String(fault.retryAfter ?? 1),
      });
    case 500:
      return new NotionApiError(500, "internal_server_error", "Unexpected error occurred.");
    case 502:
      return new NotionApiError(502, "bad_gateway", "Bad gateway.");
    case 503:
      return new NotionApiError(
        503,
        "service_unavailable",
        "Notion is unavailable, please try again later.",
        fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) },
      );
    case 504:
      return new NotionApiError(504, "gateway_timeout", "Gateway timeout.");
    case 404:
      return new NotionApiError(404, "object_not_found", `Could not find the object at ${path}.`);
    case 401:
      return new NotionApiError(401, "unauthorized", "API token is invalid.");
  }
}
