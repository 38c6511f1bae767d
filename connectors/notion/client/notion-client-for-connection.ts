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
   * The credential an OAuth connection's requests use, unsealed (see notion-oauth). Undefined when
   * this deployment cannot open sealed credentials (no ENCRYPTION_KEY).
   */
  accessTokenFor?: (connection: SourceConnectionRow) => Promise<string>;
  /** A fetch per credential, e.g. rate-limited through the shared Redis budget. */
  fetchFor?: (credentialKey: string) => typeof fetch;
}

/**
 * The Notion client one connection syncs with: the internal integration's token from the
 * environment, or the connection's own OAuth token. A missing credential reads as "needs re-auth".
 */
export async function notionClientForConnection(
  connection: SourceConnectionRow,
  settings: NotionClientSettings,
): Promise<Client> {
  const token = await tokenFor(connection, settings);
  const fetchOption = settings.fetchFor?.(`notion:${token}`);
  return createNotionClient({
    token,
    baseUrl: settings.apiUrl,
    ...(fetchOption === undefined ? {} : { fetch: fetchOption }),
  });
}

async function tokenFor(connection: SourceConnectionRow, settings: NotionClientSettings): Promise<string> {
  if (connection.credentials === null) {
    if (settings.internalToken) return settings.internalToken;
    throw new AppError(
      ErrorCode.InvalidConfig,
      "NOTION_TOKEN is not set, so this Notion connection has no credential.",
      { hint: reconnectNotionHint },
    );
  }
  if (!settings.accessTokenFor) {
    throw new AppError(
      ErrorCode.InvalidConfig,
      "This Notion connection's tokens are stored encrypted, and ENCRYPTION_KEY is not set.",
      { hint: "set ENCRYPTION_KEY to the key used when the connection was made" },
    );
  }
  return settings.accessTokenFor(connection);
}
