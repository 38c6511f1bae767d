import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { type Collection, collectionInfo, createCollection } from "./qdrant/collection.ts";
import {
  countPoints,
  deletePoints,
  queryPoints,
  retrievePoints,
  scrollPoints,
  setPayload,
  updateVectors,
  upsertPoints,
} from "./qdrant/points.ts";
import { errorBody, notFound, okBody, QdrantWireError, updateResult } from "./qdrant/wire.ts";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface QdrantStandIn {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Answers the next request with this status and Qdrant's error body (fault injection). */
  failNext(status: number, message?: string): void;
  close(): Promise<void>;
}

type Body = Record<string, unknown>;
type Handler = (name: string, body: Body) => unknown;

/**
 * An in-process Qdrant speaking its REST wire format (`{ result, status, time }` envelopes, Qdrant's
 * error bodies and status codes) for the endpoints the Qdrant store uses, with real semantics:
 * named dense (cosine) and sparse (IDF) vectors, filters, RRF fusion, ordered scroll.
 */
export async function startQdrantStandIn(options: { apiKey?: string } = {}): Promise<QdrantStandIn> {
  const collections = new Map<string, Collection>();
  const requests: RecordedRequest[] = [];
  let injected: { status: number; message: string } | null = null;

  const existing = (name: string): Collection => {
    const collection = collections.get(name);
    if (!collection) throw notFound(`Collection \`${name}\` doesn't exist!`);
    return collection;
  };
  const onPoints = (handler: (collection: Collection, body: Body) => unknown): Handler => {
    return (name, body) => handler(existing(name), body);
  };

  const routes: [string, RegExp, Handler][] = [
    ["GET", /^\/collections$/, () => ({ collections: [...collections.keys()].map((name) => ({ name })) })],
    ["GET", /^\/collections\/([^/]+)$/, (name) => collectionInfo(existing(name))],
    ["GET", /^\/collections\/([^/]+)\/exists$/, (name) => ({ exists: collections.has(name) })],
    [
      "PUT",
      /^\/collections\/([^/]+)$/,
      (name, body) => {
        if (collections.has(name))
          throw new QdrantWireError(409, `Wrong input: Collection \`${name}\` already exists!`);
        collections.set(name, createCollection(name, body));
        return true;
      },
    ],
    ["DELETE", /^\/collections\/([^/]+)$/, (name) => collections.delete(name)],
    [
      "PUT",
      /^\/collections\/([^/]+)\/index$/,
      onPoints((collection, body) => {
        const schema = body.field_schema as string | { type?: string } | undefined;
        collection.payloadIndexes.set(
          String(body.field_name),
          typeof schema === "string" ? schema : String(schema?.type),
        );
        return updateResult(++collection.version);
      }),
    ],
    ["PUT", /^\/collections\/([^/]+)\/points$/, onPoints(upsertPoints)],
    ["POST", /^\/collections\/([^/]+)\/points$/, onPoints(retrievePoints)],
    ["POST", /^\/collections\/([^/]+)\/points\/delete$/, onPoints(deletePoints)],
    ["PUT", /^\/collections\/([^/]+)\/points\/vectors$/, onPoints(updateVectors)],
    ["POST", /^\/collections\/([^/]+)\/points\/payload$/, onPoints(setPayload)],
    ["POST", /^\/collections\/([^/]+)\/points\/scroll$/, onPoints(scrollPoints)],
    ["POST", /^\/collections\/([^/]+)\/points\/count$/, onPoints(countPoints)],
    ["POST", /^\/collections\/([^/]+)\/points\/query$/, onPoints(queryPoints)],
  ];

  const handle = (request: IncomingMessage, raw: string): { status: number; body: unknown } => {
    const startedAt = performance.now();
    const url = new URL(request.url ?? "/", "http://stand-in");
    const method = request.method ?? "GET";
    let body: Body = {};
    try {
      body = raw ? (JSON.parse(raw) as Body) : {};
    } catch (error) {
      return { status: 400, body: errorBody(`Format error in JSON body: ${String(error)}`, startedAt) };
    }
    requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), body });
    if (injected) {
      const { status, message } = injected;
      injected = null;
      return { status, body: errorBody(message, startedAt) };
    }
    const denied = checkApiKey(request, options.apiKey);
    if (denied) return { status: denied.status, body: errorBody(denied.message, startedAt) };
    if (method === "GET" && url.pathname === "/") {
      return {
        status: 200,
        body: { title: "qdrant - vector search engine", version: "1.16.0", commit: "stand-in" },
      };
    }
    for (const [routeMethod, pattern, handler] of routes) {
      const match = routeMethod === method ? pattern.exec(url.pathname) : null;
      if (!match) continue;
      try {
        return { status: 200, body: okBody(handler(decodeURIComponent(match[1] ?? ""), body), startedAt) };
      } catch (error) {
        if (error instanceof QdrantWireError)
          return { status: error.status, body: errorBody(error.message, startedAt) };
        return { status: 500, body: errorBody(`Service internal error: ${String(error)}`, startedAt) };
      }
    }
    return { status: 404, body: errorBody(`Not found: ${method} ${url.pathname}`, startedAt) };
  };

  const server = createServer((request, response) => {
    let raw = "";
    request.setEncoding("utf8");
    request.on("data", (part: string) => {
      raw += part;
    });
    request.on("end", () => {
      const { status, body } = handle(request, raw);
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(status, message = "Service internal error: injected failure") {
      injected = { status, message };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Qdrant accepts the key as `api-key` or as a bearer token. */
function checkApiKey(
  request: IncomingMessage,
  apiKey: string | undefined,
): { status: number; message: string } | null {
  if (!apiKey) return null;
  const given = request.headers["api-key"] ?? request.headers.authorization?.replace(/^Bearer /, "");
  if (!given) return { status: 401, message: "Must provide an API key or an Authorization bearer token" };
  return given === apiKey ? null : { status: 403, message: "Invalid API key or JWT" };
}
