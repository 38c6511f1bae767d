import type { Client } from "@notionhq/client";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { createNotionClient } from "./create-notion-client.ts";
import { reconnectNotionHint } from "./notion-error.ts";

export interface NotionClientSettings {
  /** NOTION_API_URL: origin without /v1. */
  apiUrl: string;
  /** NOTION_TOKEN: the internal integration's token (connections without stored credentials). */
  internalToken?: string | undefined;
  /**
   * The credential an OAuth connection's requests use, unsealed (see notion-access-token.ts). Given
   * the token Notion just refused, it returns a newer one (refreshing when nobody has yet).
   * Undefined when this deployment cannot open sealed credentials (no ENCRYPTION_KEY).
   */
  accessTokenFor?: (connection: SourceConnectionRow, rejectedToken?: string) => Promise<string>;
  /** A fetch per credential, e.g. rate-limited through the shared Redis budget. */
  fetchFor?: (credentialKey: string) => typeof fetch;
}

/**
 * The Notion client one connection syncs with: the internal integration's token from the
 * environment, or the connection's own OAuth token. A missing credential reads as "needs re-auth".
 * An OAuth connection's client refreshes its token once when Notion answers 401 and retries the
 * request with the new one; a refused refresh surfaces as invalid_config with the reconnect hint.
 */
export async function notionClientForConnection(
  connection: SourceConnectionRow,
  settings: NotionClientSettings,
): Promise<Client> {
  if (connection.credentials === null) {
    const token = internalToken(settings);
    const fetchOption = settings.fetchFor?.(`notion:${token}`);
    return createNotionClient({
      token,
      baseUrl: settings.apiUrl,
      ...(fetchOption === undefined ? {} : { fetch: fetchOption }),
    });
  }
  const accessTokenFor = settings.accessTokenFor;
  if (!accessTokenFor) {
    throw new AppError(
      ErrorCode.InvalidConfig,
      "This Notion connection's tokens are stored encrypted, and ENCRYPTION_KEY is not set.",
      { hint: "set ENCRYPTION_KEY to the key used when the connection was made" },
    );
  }
  const token = await accessTokenFor(connection);
  // Keyed by connection, not token: the budget stays the same across refreshes.
  const baseFetch = settings.fetchFor?.(`notion:${connection.id}`) ?? fetch;
  return createNotionClient({
    token,
    baseUrl: settings.apiUrl,
    fetch: refreshingFetch(baseFetch, token, (rejected) => accessTokenFor(connection, rejected)),
  });
}

function internalToken(settings: NotionClientSettings): string {
  if (settings.internalToken) return settings.internalToken;
  throw new AppError(
    ErrorCode.InvalidConfig,
    "NOTION_TOKEN is not set, so this Notion connection has no credential.",
    {
      hint: reconnectNotionHint,
    },
  );
}

/**
 * Sends each request with the newest token; on a 401 asks for a newer one (a refresh, done once for
 * all requests that were refused together) and retries that request once.
 */
function refreshingFetch(
  baseFetch: typeof fetch,
  initialToken: string,
  newerToken: (rejected: string) => Promise<string>,
): typeof fetch {
  let current = initialToken;
  const send = (input: Parameters<typeof fetch>[0], init: RequestInit | undefined, token: string) => {
    const headers = new Headers(init?.headers);
    headers.set("authorization", `Bearer ${token}`);
    return baseFetch(input, { ...init, headers });
  };
  return async (input, init) => {
    const used = current;
    const response = await send(input, init, used);
    if (response.status !== 401) return response;
    await response.body?.cancel();
    const fresh = await newerToken(used);
    current = fresh;
    return send(input, init, fresh);
  };
}
