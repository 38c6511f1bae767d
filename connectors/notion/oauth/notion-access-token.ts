import { createTokenRefresher, type TokenProvider } from "#connectors/oauth/token-refresher.ts";
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

/**
 * Resolves an OAuth connection's access token from its sealed credentials, refreshing when it is
 * (nearly) expired or was rejected. A refresh rotates BOTH tokens and stores them in one write; the
 * concurrency (one refresh at a time, re-reading the row, a race lost to another process) is the
 * shared token refresher's (connectors/oauth/token-refresher.ts).
 */
export function notionAccessTokenFor(
  options: NotionAccessTokenOptions,
): NotionAccessTokenResolver | undefined {
  if (!options.encryptionKey) return undefined;
  const box = createSecretBox(options.encryptionKey);
  const now = options.now ?? Date.now;
  const { db } = options.database;

  const provider: TokenProvider<NotionCredentials> = {
    name: "Notion",
    async read(connectionId) {
      const row = await getSourceConnection(db, connectionId);
      if (!row?.credentials) {
        throw new AppError(ErrorCode.InvalidConfig, "This Notion connection has no stored tokens.", {
          hint: reconnectNotionHint,
        });
      }
      return openNotionCredentials(box, connectionId, row.credentials);
    },
    save: (connectionId, credentials) =>
      saveSourceCredentials(db, connectionId, sealNotionCredentials(box, connectionId, credentials)),
    accessToken: (credentials) => credentials.accessToken,
    refreshToken: (credentials) => credentials.refreshToken,
    expiresAt: (credentials) => (credentials.expiresAt === null ? null : Date.parse(credentials.expiresAt)),
    async refresh(_connectionId, current) {
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
      if (result.ok) return { ok: true, credentials: credentialsFromTokens(result.tokens, current) };
      return {
        ok: false,
        invalidGrant: result.failure.error === "invalid_grant",
        error: tokenRefreshError(result.failure),
        log: { status: result.failure.status, error: result.failure.error },
      };
    },
  };
  const refresher = createTokenRefresher(provider, {
    logger: options.logger.child({ component: "notion-oauth" }),
    now,
  });
  return async (connection, rejectedToken) =>
    (await refresher.current(connection.id, rejectedToken)).accessToken;
}
