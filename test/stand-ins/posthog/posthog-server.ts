import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readCollectorBody, sendCollectorJson } from "../collector-http.ts";

/** One captured event as posthog-node's /batch/ body carries it. */
export interface RecordedEvent {
  event: string;
  distinct_id: string;
  properties: Record<string, unknown> & { $groups?: Record<string, string> };
  api_key: string;
}

export interface PostHogStandIn {
  /** What POSTHOG_HOST is set to. */
  readonly host: string;
  readonly events: RecordedEvent[];
  /** Every request body, decoded (gzip undone): for "no text or secret here" assertions. */
  readonly bodies: string[];
  /** Paths posted to, in order (to see which capture endpoint the client uses). */
  readonly paths: string[];
  waitForEvents(count: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A stand-in PostHog capture endpoint: POST /batch/ (gzip or plain JSON, `{api_key, batch}`) and
 * the single-event /i/v0/e/ and /capture/ routes, each recorded as received.
 */
export async function startPostHogStandIn(): Promise<PostHogStandIn> {
  const events: RecordedEvent[] = [];
  const bodies: string[] = [];
  const paths: string[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = createServer((request, response) => {
    void handle(request, response).catch(() => sendCollectorJson(response, 500, { status: 0 }));
  });
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readCollectorBody(request);
    const path = (request.url ?? "").split("?")[0] ?? "";
    paths.push(path);
    bodies.push(body);
    if (request.method !== "POST") return sendCollectorJson(response, 404, { status: 0 });
    const parsed = JSON.parse(body) as {
      api_key?: string;
      batch?: Omit<RecordedEvent, "api_key">[];
    } & Partial<RecordedEvent>;
    if (path === "/batch/") {
      for (const event of parsed.batch ?? []) events.push({ ...event, api_key: parsed.api_key ?? "" });
    } else if (path === "/i/v0/e/" || path === "/capture/") {
      events.push(parsed as RecordedEvent);
    } else {
      return sendCollectorJson(response, 404, { status: 0 });
    }
    sendCollectorJson(response, 200, { status: 1 });
    for (const waiter of [...waiters]) {
      if (events.length < waiter.count) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `http://127.0.0.1:${port}`,
    events,
    bodies,
    paths,
    waitForEvents: (count) =>
      events.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
