import { matches, type RequestPattern } from "./fault-queue.ts";
import { compactId } from "./ids.ts";

export interface NotionRequest {
  method: string;
  /** e.g. "/v1/blocks/<id>/children" (no query string). */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** Date.now() when it arrived. */
  at: number;
  /** The HTTP status answered; 0 when the connection was dropped (a `reset` fault). */
  status: number;
}

export function createRequestLog() {
  const requests: NotionRequest[] = [];
  const blockFetches = new Map<string, number>();
  return {
    requests,
    record(request: NotionRequest): void {
      requests.push(request);
      const blockId = /^\/v1\/blocks\/([^/]+)\/children$/.exec(request.path)?.[1];
      if (blockId) blockFetches.set(compactId(blockId), (blockFetches.get(compactId(blockId)) ?? 0) + 1);
    },
    countRequests(filter?: RequestPattern): number {
      return filter === undefined
        ? requests.length
        : requests.filter((r) => matches(filter, r.method, r.path)).length;
    },
    /** Calls of `GET /v1/blocks/{id}/children`: for one id (as the client sent it), or all. */
    blockFetchCount(id?: string): number {
      if (id !== undefined) return blockFetches.get(compactId(id)) ?? 0;
      return [...blockFetches.values()].reduce((sum, count) => sum + count, 0);
    },
  };
}
