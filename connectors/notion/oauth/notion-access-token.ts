import type { Database } from "#shared/db/database.ts";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import type { Logger } from "#shared/log/logger.ts";

export interface NotionAccessTokenOptions {
  /** NOTION_API_URL (the token endpoint is `${apiUrl}/v1/oauth/token`). */
  apiUrl: string;
  clientId: string | undefined;
  clientSecret: string | undefined;
  /** ENCRYPTION_KEY; undefined = sealed credentials cannot be opened. */
  encryptionKey: string | undefined;
  database: Database;
  logger: Logger;
}

/**
 * Resolves an OAuth connection's access token from its sealed credentials (refreshing and storing
 * both rotated tokens atomically when needed). Placeholder until public OAuth lands: undefined.
 */
export function notionAccessTokenFor(
  _options: NotionAccessTokenOptions,
): ((connection: SourceConnectionRow) => Promise<string>) | undefined {
  return undefined;
}
