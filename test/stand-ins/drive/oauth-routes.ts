import type { IncomingMessage } from "node:http";
import type { TokenStore } from "./token-store.ts";

export interface AuthorizeRequest {
  clientId: string | null;
  redirectUri: string | null;
  scope: string | null;
  accessType: string | null;
  prompt: string | null;
  state: string | null;
}

/**
 * Google's consent screen, already agreed to: a 302 back to `redirect_uri` with a code (and `state`).
 * The code yields a refresh token only when `access_type=offline` was asked, as with Google.
 */
export function authorize(
  url: URL,
  tokens: TokenStore,
  clientId: string,
): { status: number; location?: string; text?: string; request: AuthorizeRequest } {
  const get = (name: string) => url.searchParams.get(name);
  const request: AuthorizeRequest = {
    clientId: get("client_id"),
    redirectUri: get("redirect_uri"),
    scope: get("scope"),
    accessType: get("access_type"),
    prompt: get("prompt"),
    state: get("state"),
  };
  if (request.clientId !== clientId || !request.redirectUri || get("response_type") !== "code") {
    return { status: 400, text: "Error 400: invalid_request", request };
  }
  const code = tokens.issueCode(request.redirectUri, {
    offline: request.accessType === "offline",
    ...(request.scope ? { scope: request.scope } : {}),
  });
  const back = new URL(request.redirectUri);
  back.searchParams.set("code", code);
  if (request.state !== null) back.searchParams.set("state", request.state);
  if (request.scope) back.searchParams.set("scope", request.scope);
  return { status: 302, location: back.toString(), request };
}

/** The token endpoint's form (google-auth-library posts x-www-form-urlencoded; JSON accepted too). */
export function tokenForm(request: IncomingMessage, text: string): URLSearchParams {
  if (request.headers["content-type"]?.includes("application/json")) {
    const body = JSON.parse(text) as Record<string, string>;
    return new URLSearchParams(body);
  }
  return new URLSearchParams(text);
}
