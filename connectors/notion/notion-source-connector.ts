import type { SourceConnector } from "#connectors/sources/source-connector.ts";
import {
  type NotionClientSettings,
  notionClientForConnection,
} from "./client/notion-client-for-connection.ts";
import { syncNotion } from "./sync/sync-notion.ts";

export interface NotionSourceSettings extends NotionClientSettings {
  /** NOTION_SYNC_MINUTES: the sync role's incremental schedule for Notion connections. */
  syncMinutes?: number;
}

/**
 * Notion as a source: the internal integration's token or the connection's own OAuth token (refreshed
 * on a 401), then a full crawl or an incremental pass from the edit-time cursor in its sync state.
 */
export function notionSourceConnector(settings: NotionSourceSettings): SourceConnector {
  return {
    kind: "notion",
    displayName: "Notion",
    syncMinutes: settings.syncMinutes ?? 15,
    async open(connection) {
      const client = await notionClientForConnection(connection, settings);
      return { sync: (context, request) => syncNotion(client, context, request) };
    },
  };
}
