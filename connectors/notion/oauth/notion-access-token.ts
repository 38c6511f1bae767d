import { createSecretBox } from "#shared/crypto/secret-box.ts";
import type { Database } from "#shared/db/database.ts";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import { getSourceConnection, saveSourceCredentials } from "#shared/db/source-connection-repository.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { reconnectNotionHint } from "../client/notion-error.ts";
import {
  credentialsFromTokens,
  type NotionCredentials,
  openNotionCredentials,
  sealNotionCredentials,
} from "./notion-credentials.ts";
import { tokenRefreshError } from "./notion-token-errors.ts";
import { requestNotionToken } from "./request-notion-token.ts";

export interface NotionAccessTokenOptions {
  /** NOTION_API_URL (the token endpoint is `${apiUrl}/v1/oauth/token`). */
  apiUrl: string;
  clientId: string | undefined;
  clientSecret: string | undefined;
  /** ENCRYPTION_KEY; undefined = sealed credentials cannot be opened. */
  encryptionKey: string | undefined;
  database: Database;
  logger: Logger;
  /** For the token endpoint (tests, proxies); the global fetch by default. */
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * An OAuth connection's current access token. With `rejectedToken` (the token Notion just answered
 * 401 to) it returns a newer one: refreshed now, or already refreshed by another request.
 */
export type NotionAccessTokenResolver = (
  connection: SourceConnectionRow,
  rejectedToken?: string,
) => Promise<string>;

/** Refresh this long before the stated expiry, so a sync never starts on a token about to lapse. */
const refreshMarginMs = 5 * 60_000;

/**
 * Resolves an OAuth connection's access token from its sealed credentials, refreshing when it is
 * (nearly) expired or was rejected. A refresh rotates BOTH tokens and stores them in one write.
 *
 * Concurrency: calls for one connection run one at a time in this process and each re-reads the
 * row first, so requests that all got a 401 cause one refresh and then reuse its result. Across
 * processes the sync lease keeps one sync per connection; should two processes still refresh at
 * once, Notion answers the one holding the older refresh token `invalid_grant`, and that one then
 * finds the newer tokens in the row and uses them instead of declaring the connection dead.
 */
export function notionAccessTokenFor(
  options: NotionAccessTokenOptions,
): NotionAccessTokenResolver | undefined {
  if (!options.encryptionKey) return undefined;
  const box = createSecretBox(options.encryptionKey);
  const now = options.now ?? Date.now;
  const { db } = options.database;
  const logger = options.logger.child({ component: "notion-oauth" });
  const tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every earlier task for the same connection has settled. */
  function oneAtATime<T>(connectionId: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(connectionId) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(connectionId, tail);
    void tail.then(() => {
      if (tails.get(connectionId) === tail) tails.delete(connectionId);
    });
    return run;
  }

  async function stored(connectionId: string): Promise<NotionCredentials> {
    const row = await getSourceConnection(db, connectionId);
    if (!row?.credentials) {
      throw new AppError(ErrorCode.InvalidConfig, "This Notion connection has no stored tokens.", {
        hint: reconnectNotionHint,
      });
    }
    return openNotionCredentials(box, connectionId, row.credentials);
  }

  function nearExpiry(credentials: NotionCredentials): boolean {
    return credentials.expiresAt !== null && Date.parse(credentials.expiresAt) - now() < refreshMarginMs;
  }

  async function refresh(connectionId: string, current: NotionCredentials): Promise<string> {
    if (!current.refreshToken) {
      throw new AppError(
        ErrorCode.InvalidConfig,
        "Notion no longer accepts this connection's token, and it has no refresh token.",
        { hint: reconnectNotionHint },
      );
    }
    if (!options.clientId || !options.clientSecret) {
      throw new AppError(
        ErrorCode.InvalidConfig,
        "This Notion connection's token needs a refresh, and NOTION_CLIENT_ID or NOTION_CLIENT_SECRET is not set.",
        {
          hint: "set NOTION_CLIENT_ID and NOTION_CLIENT_SECRET of the integration the connection was made with",
        },
      );
    }
    const result = await requestNotionToken(
      { apiUrl: options.apiUrl, clientId: options.clientId, clientSecret: options.clientSecret },
      { grant_type: "refresh_token", refresh_token: current.refreshToken },
      { now, ...(options.fetch ? { fetch: options.fetch } : {}) },
    );
    if (!result.ok) {
      if (result.failure.error === "invalid_grant") {
        // Another process may have rotated the tokens since we read them: theirs are the newest.
        const latest = await stored(connectionId);
        if (latest.refreshToken !== current.refreshToken) {
          logger.info({ connectionId }, "Notion tokens were refreshed elsewhere; using those");
          return latest.accessToken;
        }
      }
      logger.warn(
        { connectionId, status: result.failure.status, error: result.failure.error },
        "Notion token refresh refused",
      );
      throw tokenRefreshError(result.failure);
    }
    const next = credentialsFromTokens(result.tokens, current);
    await saveSourceCredentials(db, connectionId, sealNotionCredentials(box, connectionId, next));
    logger.info({ connectionId }, "refreshed the Notion connection's tokens");
    return next.accessToken;
  }

  return (connection, rejectedToken) =>
    oneAtATime(connection.id, async () => {
      const current = await stored(connection.id);
      const rejected = rejectedToken !== undefined && current.accessToken === rejectedToken;
      if (!rejected && !nearExpiry(current)) return current.accessToken;
      return refresh(connection.id, current);
    });
}
