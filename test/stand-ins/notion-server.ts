import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { BlockSpec } from "./notion/block-spec.ts";
import { createFaultQueue, faultError, type NotionFault, type RequestPattern } from "./notion/fault-queue.ts";
import { compactId } from "./notion/ids.ts";
import { NotionApiError } from "./notion/notion-api-error.ts";
import {
  type NewDatabase,
  type NewPage,
  NotionWorkspace,
  type ParentSpec,
} from "./notion/notion-workspace.ts";
import { createTokenStore } from "./notion/oauth-tokens.ts";
import { createRequestLog, type NotionRequest } from "./notion/request-log.ts";
import type { RichTextInput } from "./notion/rich-text.ts";
import { route } from "./notion/routes.ts";

export type { BlockSpec, DataSourceSpec, PropertySchema } from "./notion/block-spec.ts";
export type { NotionFault, RequestPattern } from "./notion/fault-queue.ts";
export type { NewDatabase, NewPage, ParentSpec } from "./notion/notion-workspace.ts";
export { goodNotionOAuthCode } from "./notion/oauth-tokens.ts";
export type { NotionRequest } from "./notion/request-log.ts";
export type { RichTextInput, RichTextSpec } from "./notion/rich-text.ts";

export interface NotionStandInOptions {
  /** The internal-integration token every call may use (default "secret_standin"). */
  token?: string;
  oauthClient?: { clientId: string; clientSecret: string };
  /** Rows one data-source query returns at most before `request_status` says incomplete (default 10,000). */
  rowCap?: number;
  /** Initial clock (default 2026-01-01T00:00:00.000Z); every created or edited object takes its time. */
  clock?: string;
  /** Milliseconds every answer waits before it is computed and sent (default 0); see `setLatency`. */
  latencyMs?: number;
}

export interface NotionStandIn {
  /** e.g. http://127.0.0.1:40123 — the Client's `baseUrl` (no /v1). */
  url: string;
  token: string;
  workspaceId: string;
  addPage(page: NewPage): { id: string };
  addDatabase(database: NewDatabase): { id: string; dataSourceIds: string[] };
  addRow(
    dataSourceId: string,
    row: {
      id?: string;
      title: RichTextInput;
      properties?: Record<string, unknown>;
      blocks?: BlockSpec[];
      createdTime?: string;
    },
  ): { id: string };
  /** Replaces title and/or content; last_edited_time becomes the clock's time. */
  editPage(id: string, edit: { title?: RichTextInput; blocks?: BlockSpec[] }): void;
  /**
   * A data source edited (renamed, or its schema or rows changed as Notion may report it): its
   * last_edited_time becomes the clock's time. Adding or editing rows alone leaves it as it was.
   */
  editDataSource(id: string, edit?: { name?: string }): void;
  /** `in_trash: true`; gone from search, rows and its parent's children (GET still answers). */
  trashPage(id: string): void;
  /** The object and everything under it answer 404 object_not_found. */
  unshare(id: string): void;
  /**
   * Title → id of the child pages under a page, as `GET /v1/blocks/{id}/children` lists them
   * (trashed ones left out): read from the stand-in's state, no request made or logged.
   */
  childPageIds(parentId: string): Record<string, string>;
  /** Search stops returning it (indexing delay, not shared directly); it still answers GETs. */
  hideFromSearch(id: string): void;
  setClock(iso: string): void;
  /** Per-object 404: any request naming this id answers object_not_found (its children do not). */
  failObject(id: string): void;
  failNext(pattern: RequestPattern, fault: NotionFault, times?: number): void;
  /** Drops the faults `failNext` and `rateLimitStorm` queued that no request has taken yet. */
  clearFaults(): void;
  /**
   * Every answer from now on waits `ms` before it is computed and sent (0 = at once): a sync then
   * runs long enough to be stopped midway. A request is logged once answered, `at` its arrival.
   */
  setLatency(ms: number): void;
  /** The next `count` requests, whatever they are, get 429 with Retry-After. */
  rateLimitStorm(count: number, retryAfterSeconds: number): void;
  /** Every call then answers 401 unauthorized, OAuth-issued tokens included. */
  revokeToken(): void;
  requests: NotionRequest[];
  countRequests(filter?: RequestPattern): number;
  /** Calls of `GET /v1/blocks/{id}/children`, for one id or in all. */
  blockFetchCount(id?: string): number;
  close(): Promise<void>;
}

/**
 * An in-process Notion API (Notion-Version 2025-09-03, data-source model) on a random local port: the
 * real `@notionhq/client` talks to it through `baseUrl`. Answers in Notion's shapes, errors as
 * `{ object: "error", status, code, message }`, and records every request.
 */
export async function startNotionStandIn(options: NotionStandInOptions = {}): Promise<NotionStandIn> {
  const token = options.token ?? "secret_standin";
  const identity = {
    workspaceId: "5a810000-0000-4000-8000-00000000a5e1",
    workspaceName: "Sabio Test",
    botId: "b0700000-0000-4000-8000-00000000b070",
  };
  const workspace = new NotionWorkspace();
  if (options.clock) workspace.clock = new Date(options.clock).toISOString();
  const faults = createFaultQueue();
  const log = createRequestLog();
  const tokens = createTokenStore(
    token,
    options.oauthClient ?? { clientId: "standin-client", clientSecret: "standin-secret" },
    identity,
  );
  const routeOptions = {
    rowCap: options.rowCap ?? 10_000,
    workspaceName: identity.workspaceName,
    workspaceId: identity.workspaceId,
  };
  const notFoundIds = new Set<string>();
  let latencyMs = options.latencyMs ?? 0;

  const answer = (
    request: IncomingMessage,
    text: string,
  ): { status: number; json: unknown; headers?: Record<string, string> } => {
    const url = new URL(request.url ?? "/", "http://stand-in");
    const method = request.method ?? "GET";
    let body: Record<string, unknown> = {};
    try {
      body = text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      throw new NotionApiError(400, "invalid_json", "Error parsing JSON body.");
    }
    const fault = faults.take(method, url.pathname);
    if (fault?.status === "reset") throw connectionReset;
    if (fault) throw faultError(fault, url.pathname);
    if (url.pathname === "/v1/oauth/token" && method === "POST") {
      return { status: 200, json: tokens.exchange(request.headers.authorization, body) };
    }
    const bearer = request.headers.authorization?.replace(/^Bearer /, "");
    if (!tokens.isValid(bearer)) throw new NotionApiError(401, "unauthorized", "API token is invalid.");
    if (!request.headers["notion-version"]) {
      throw new NotionApiError(
        400,
        "missing_version",
        "Notion-Version header failed validation: should be defined.",
      );
    }
    const hidden = [...notFoundIds].find((id) => compactId(url.pathname).includes(id));
    if (hidden) throw faultError({ status: 404 }, url.pathname);
    const query = Object.fromEntries(url.searchParams);
    return { status: 200, json: route(workspace, { method, path: url.pathname, query, body }, routeOptions) };
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const url = new URL(request.url ?? "/", "http://stand-in");
      const entry = {
        method: request.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: text === "" ? undefined : safeJson(text),
        at: Date.now(),
      };
      const respond = (): void => {
        try {
          const { status, json } = answer(request, text);
          log.record({ ...entry, status });
          send(response, status, json);
        } catch (error) {
          if (error === connectionReset) {
            log.record({ ...entry, status: 0 });
            response.destroy();
            return;
          }
          const failure =
            error instanceof NotionApiError
              ? error
              : new NotionApiError(500, "internal_server_error", String(error));
          log.record({ ...entry, status: failure.status });
          if (failure.status === 502) {
            // A gateway in front of the API answers this, in HTML rather than Notion's JSON.
            response.writeHead(502, { "content-type": "text/html" });
            response.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
            return;
          }
          send(
            response,
            failure.status,
            {
              object: "error",
              status: failure.status,
              code: failure.code,
              message: failure.message,
              request_id: crypto.randomUUID(),
            },
            failure.headers,
          );
        }
      };
      if (latencyMs > 0) setTimeout(respond, latencyMs);
      else respond();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    workspaceId: identity.workspaceId,
    addPage: (page) => ({ id: workspace.addPage(page).id }),
    addDatabase(database) {
      const stored = workspace.addDatabase(database);
      return { id: stored.id, dataSourceIds: [...stored.dataSourceIds] };
    },
    addRow: (dataSourceId, row) => ({
      id: workspace.addPage({ ...row, parent: { data_source_id: dataSourceId } as ParentSpec }).id,
    }),
    editPage: (id, edit) => workspace.editPage(id, edit),
    editDataSource(id, edit = {}) {
      const source = workspace.dataSourceOrThrow(id);
      if (edit.name !== undefined) source.name = edit.name;
      source.lastEditedTime = workspace.clock;
    },
    trashPage(id) {
      workspace.pageOrThrow(id).inTrash = true;
    },
    unshare: (id) => workspace.unshared.add(compactId(id)),
    childPageIds: (parentId) => workspace.childPageIds(parentId),
    hideFromSearch: (id) => workspace.hiddenFromSearch.add(compactId(id)),
    setClock(iso) {
      workspace.clock = new Date(iso).toISOString();
    },
    failObject: (id) => notFoundIds.add(compactId(id)),
    failNext: (pattern, fault, times = 1) => faults.add(pattern, fault, times),
    clearFaults: () => faults.clear(),
    setLatency(ms) {
      latencyMs = Math.max(0, ms);
    },
    rateLimitStorm: (count, retryAfter) => faults.add(/.*/, { status: 429, retryAfter }, count),
    revokeToken: () => tokens.revokeAll(),
    requests: log.requests,
    countRequests: log.countRequests,
    blockFetchCount: log.blockFetchCount,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** Thrown inside the handler for a `reset` fault: the connection is dropped without an answer. */
const connectionReset = Symbol("connection reset");

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function send(
  response: ServerResponse,
  status: number,
  json: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  response.end(JSON.stringify(json));
}
