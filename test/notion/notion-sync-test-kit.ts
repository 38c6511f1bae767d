import { join } from "node:path";
import { internalNotionConnectionId } from "#connectors/notion/sync/internal-notion-connection-id.ts";
import { ensureEnvConnections } from "#connectors/sources/ensure-env-connections.ts";
import type { SourceConnectors } from "#connectors/sources/source-connectors.ts";
import type { Database } from "#shared/db/database.ts";
import { openDatabase } from "#shared/db/open-database.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import { notionConnectors } from "#test/helpers/notion-connectors.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import {
  type NotionStandIn,
  type NotionStandInOptions,
  startNotionStandIn,
} from "#test/stand-ins/notion-server.ts";

/** The workspace the kit's Notion connection belongs to (SABIO_WORKSPACE). */
export const notionSyncWorkspaceId = "default";

export interface NotionSyncKit {
  notion: NotionStandIn;
  database: Database;
  store: VectorStore;
  /** The connection NOTION_TOKEN makes (the stand-in's token), as the sync role finds it. */
  connectionId: string;
  /** Notion on the stand-in (its URL and token), and folders. */
  connectors: SourceConnectors;
  /** Closes the store, the database and the stand-in (unless the test closed it), removes the data. */
  close(): Promise<void>;
}

/**
 * For sync tests: the Notion stand-in, a database and a LanceDB store (256 dimensions) in a temp
 * folder, and the env-configured Notion connection of `notionSyncWorkspaceId`; sync with syncSource.
 */
export async function startNotionSyncKit(options: NotionStandInOptions = {}): Promise<NotionSyncKit> {
  const temp = await makeTempDir();
  const notion = await startNotionStandIn(options);
  const database = await openDatabase({ dataDir: join(temp.path, "data") });
  const store = createLanceDbStore({ directory: join(temp.path, "data", "lancedb"), dimensions: 256 });
  await ensureEnvConnections(database.db, {
    NOTION_TOKEN: notion.token,
    SABIO_WORKSPACE: notionSyncWorkspaceId,
  });
  return {
    notion,
    database,
    store,
    connectionId: internalNotionConnectionId(notionSyncWorkspaceId),
    connectors: notionConnectors({ apiUrl: notion.url, internalToken: notion.token }),
    async close() {
      await store.close();
      await database.close();
      // A test may have closed the stand-in already, to make a sync fail.
      await notion.close().catch(() => {});
      await temp.remove();
    },
  };
}
