import { folderSourceConnector } from "#connectors/files/folder-source-connector.ts";
import type { NotionClientSettings } from "#connectors/notion/client/notion-client-for-connection.ts";
import { notionSourceConnector } from "#connectors/notion/notion-source-connector.ts";
import { type SourceConnectors, sourceConnectors } from "#connectors/sources/source-connectors.ts";

/** The connectors a test syncs with: Notion with these settings (a stand-in's URL and token), and folders. */
export function notionConnectors(settings: NotionClientSettings): SourceConnectors {
  return sourceConnectors([notionSourceConnector(settings), folderSourceConnector()]);
}
