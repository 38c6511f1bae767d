import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readCollectorBody, sendCollectorJson } from "../collector-http.ts";

/** One span as the OTLP/HTTP JSON body carried it, attributes flattened to plain values. */
export interface RecordedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  attributes: Record<string, unknown>;
}

/** The body of a `score-create` ingestion event. */
export interface RecordedScore {
  id: string;
  traceId?: string;
  name: string;
  value: number | string;
  dataType?: string;
  comment?: string;
}

export interface LangfuseStandIn {
  /** What LANGFUSE_BASE_URL is set to. */
  readonly baseUrl: string;
  readonly spans: RecordedSpan[];
  /** Every score-create received, in order (a repeated id is a second entry here). */
  readonly scoreEvents: RecordedScore[];
  /** Scores as Langfuse keeps them: one per id, the last write winning. */
  scores(): RecordedScore[];
  /** Every accepted request body, decoded: for "no secret or text here" assertions. */
  readonly bodies: string[];
  /** Requests refused for a wrong or missing Basic auth. */
  unauthorized: number;
  /** Resolves once `count` spans have arrived (a signal, never a sleep). */
  waitForSpans(count: number): Promise<void>;
  waitForScoreEvents(count: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A stand-in Langfuse server for what Sabio sends: OTLP/HTTP JSON traces at
 * /api/public/otel/v1/traces and score-create events at /api/public/ingestion, both behind Basic
 * auth (public key : secret key), recorded as received.
 */
export async function startLangfuseStandIn(keys: {
  publicKey: string;
  secretKey: string;
}): Promise<LangfuseStandIn> {
  const expected = `Basic ${Buffer.from(`${keys.publicKey}:${keys.secretKey}`).toString("base64")}`;
  const spans: RecordedSpan[] = [];
  const scoreEvents: RecordedScore[] = [];
  const bodies: string[] = [];
  const waiters: { ready: () => boolean; resolve: () => void }[] = [];
  const settle = () => {
    for (const waiter of [...waiters]) {
      if (!waiter.ready()) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  const waitFor = (ready: () => boolean) =>
    ready() ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ ready, resolve }));
  const standIn: LangfuseStandIn = {
    baseUrl: "",
    spans,
    scoreEvents,
    bodies,
    unauthorized: 0,
    scores: () => [...new Map(scoreEvents.map((score) => [score.id, score])).values()],
    waitForSpans: (count) => waitFor(() => spans.length >= count),
    waitForScoreEvents: (count) => waitFor(() => scoreEvents.length >= count),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server = createServer((request, response) => {
    void handle(request, response).catch(() =>
      sendCollectorJson(response, 500, { message: "stand-in failure" }),
    );
  });
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readCollectorBody(request);
    if (request.headers.authorization !== expected) {
      standIn.unauthorized += 1;
      return sendCollectorJson(response, 401, { message: "Invalid credentials" });
    }
    bodies.push(body);
    const path = (request.url ?? "").split("?")[0];
    if (request.method === "POST" && path === "/api/public/otel/v1/traces") {
      spans.push(...otlpSpans(JSON.parse(body)));
      sendCollectorJson(response, 200, {});
    } else if (request.method === "POST" && path === "/api/public/ingestion") {
      const batch = (JSON.parse(body) as { batch: { id: string; type: string; body: RecordedScore }[] })
        .batch;
      for (const event of batch) if (event.type === "score-create") scoreEvents.push(event.body);
      sendCollectorJson(response, 207, {
        successes: batch.map((event) => ({ id: event.id, status: 201 })),
        errors: [],
      });
    } else {
      sendCollectorJson(response, 404, { message: "not found" });
    }
    settle();
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(standIn, { baseUrl: `http://127.0.0.1:${port}` });
  return standIn;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: OtlpValue[] };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes?: { key: string; value: OtlpValue }[];
}

function otlpSpans(body: { resourceSpans?: { scopeSpans?: { spans?: OtlpSpan[] }[] }[] }): RecordedSpan[] {
  return (body.resourceSpans ?? []).flatMap((resource) =>
    (resource.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId || undefined,
        name: span.name,
        attributes: Object.fromEntries((span.attributes ?? []).map((item) => [item.key, plain(item.value)])),
      })),
    ),
  );
}

function plain(value: OtlpValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(plain);
  return undefined;
}
