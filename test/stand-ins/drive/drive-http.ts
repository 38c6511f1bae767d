import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SignalLog } from "../signal-log.ts";
import { DriveApiError, driveErrors } from "./drive-api-error.ts";
import type { DriveCall } from "./drive-call.ts";
import { type DriveRoute, matchRoute, type RouteAnswer, type RouteSettings } from "./drive-route.ts";
import type { DriveWorld } from "./drive-world.ts";
import { type FaultQueue, faultError } from "./fault-queue.ts";
import { OAuthError } from "./oauth-error.ts";
import { type AuthorizeRequest, authorize, tokenForm } from "./oauth-routes.ts";
import { readBody } from "./read-body.ts";
import type { TokenStore } from "./token-store.ts";

export interface DriveHttpOptions {
  world: DriveWorld;
  routes: DriveRoute[];
  tokens: TokenStore;
  faults: FaultQueue;
  log: SignalLog<DriveCall>;
  settings: RouteSettings;
  clientId: string;
  authorizations: AuthorizeRequest[];
}

type Outcome = RouteAnswer | { status: number; location: string } | { status: 0 };
interface Handled {
  route: string;
  params: Record<string, string>;
  principal: string | undefined;
  outcome: Outcome;
}

/**
 * Drive v3 under `/drive/v3` (and the Directory API's groups under `/admin/directory/v1`), Google's token endpoint at `/token` and consent at `/o/oauth2/v2/auth`,
 * on one local port: Bearer check, queued faults, then the route; every answer recorded.
 */
export async function startDriveHttp(
  options: DriveHttpOptions,
): Promise<{ origin: string; close(): Promise<void> }> {
  const { faults, tokens } = options;
  const handle = async (
    request: IncomingMessage,
    url: URL,
    text: string,
    handled: Handled,
  ): Promise<Outcome> => {
    const method = request.method ?? "GET";
    if (method === "GET" && url.pathname === "/o/oauth2/v2/auth") {
      handled.route = "oauth.authorize";
      const answer = authorize(url, tokens, options.clientId);
      options.authorizations.push(answer.request);
      if (answer.location) return { status: 302, location: answer.location };
      return {
        status: answer.status,
        bytes: new TextEncoder().encode(answer.text),
        contentType: "text/html",
      };
    }
    if (method === "POST" && url.pathname === "/token") {
      handled.route = "oauth.token";
      const fault = faults.take("oauth.token");
      if (fault && "reset" in fault) return { status: 0 };
      const faulted = fault && faultError(fault);
      if (faulted) throw faulted;
      return { status: 200, json: tokens.exchange(tokenForm(request, text), request.headers.authorization) };
    }
    const matched = matchRoute(options.routes, method, url.pathname, url.searchParams);
    if (!matched) throw driveErrors.notFound(url.pathname);
    handled.route = matched.route.name;
    handled.params = matched.params;
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    handled.principal = tokens.principalOf(bearer);
    if (!handled.principal) throw driveErrors.unauthenticated();
    const fault = faults.take(matched.route.name);
    if (fault && "reset" in fault) return { status: 0 };
    const faulted = fault && faultError(fault);
    if (faulted) throw faulted;
    return matched.route.handle({
      params: matched.params,
      query: url.searchParams,
      world: options.world,
      principal: handled.principal,
      scope: tokens.scopeOf(bearer),
      settings: options.settings,
      incompleteSearch: fault && "incompleteSearch" in fault ? { omit: fault.omit ?? [] } : undefined,
    });
  };

  const server = createServer((request, response) => {
    const at = Date.now();
    const url = new URL(request.url ?? "/", "http://stand-in");
    const handled: Handled = { route: "unknown", params: {}, principal: undefined, outcome: { status: 0 } };
    const finish = (outcome: Outcome, reason?: string, headers: Record<string, string> = {}) => {
      options.log.record({
        route: handled.route,
        method: request.method ?? "GET",
        path: url.pathname,
        params: handled.params,
        query: Object.fromEntries(url.searchParams),
        principal: handled.principal,
        status: outcome.status,
        reason,
        at,
      });
      send(response, outcome, headers);
    };
    readBody(request)
      .then((text) => handle(request, url, text, handled))
      .then((outcome) => finish(outcome))
      .catch((error: unknown) => {
        if (error instanceof DriveApiError) {
          const challenge: Record<string, string> =
            error.status === 401
              ? { "www-authenticate": 'Bearer realm="https://accounts.google.com/", error="invalid_token"' }
              : {};
          return finish({ status: error.status, json: error.body() }, error.item.reason, {
            ...error.headers,
            ...challenge,
          });
        }
        if (error instanceof OAuthError)
          return finish({ status: error.status, json: error.body() }, error.error);
        const failure = driveErrors.serverError(500);
        return finish({ status: 500, json: { ...failure.body(), detail: String(error) } }, "internalError");
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function send(response: ServerResponse, outcome: Outcome, headers: Record<string, string>): void {
  if (response.destroyed) return;
  if (outcome.status === 0) {
    response.destroy();
    return;
  }
  if ("location" in outcome) {
    response.writeHead(outcome.status, { location: outcome.location }).end();
    return;
  }
  if ("bytes" in outcome) {
    response.writeHead(outcome.status, {
      "content-type": outcome.contentType,
      "content-length": String(outcome.bytes.byteLength),
      ...headers,
    });
    response.end(outcome.bytes);
    return;
  }
  response.writeHead(outcome.status, { "content-type": "application/json; charset=UTF-8", ...headers });
  response.end(JSON.stringify("json" in outcome ? outcome.json : {}));
}
