import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { sealDriveCredentials } from "#connectors/drive/drive-credentials.ts";
import { type DriveSourceSettings, driveSourceConnector } from "#connectors/drive/drive-source-connector.ts";
import type { SourceSyncReport, SyncMode } from "#connectors/sources/source-connector.ts";
import { sourceConnectors } from "#connectors/sources/source-connectors.ts";
import { syncSource } from "#connectors/sources/sync-source.ts";
import { createSecretBox } from "#shared/crypto/secret-box.ts";
import type { Database } from "#shared/db/database.ts";
import { openDatabase } from "#shared/db/open-database.ts";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import {
  getSourceConnection,
  type IndexedSourceDocument,
  listIndexedSourceDocuments,
  saveOAuthConnection,
} from "#shared/db/source-connection-repository.ts";
import { ensureWorkspace } from "#shared/db/workspace-repository.ts";
import type { Embedder } from "#shared/knowledge/embed/embedder.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import {
  type DriveStandIn,
  type DriveStandInOptions,
  startDriveStandIn,
} from "#test/stand-ins/drive/drive-server.ts";
import { standInGrant } from "./stand-in-drive-client.ts";

const dimensions = 8;

/** Counts what it embeds: a sync that changed nothing must embed nothing. */
export function countingEmbedder(): Embedder & { embedded: number } {
  const vector = (text: string) =>
    Array.from({ length: dimensions }, (_, index) => (text.length + index) % 7);
  const embedder = {
    model: "counting",
    dimensions,
    embedded: 0,
    async embedDocuments(items: { title: string; text: string }[]) {
      embedder.embedded += items.length;
      return items.map((item) => vector(item.text));
    },
    async embedQuery(text: string) {
      return vector(text);
    },
  };
  return embedder;
}

/** The Drive routes that read a file's content: what a sync that changed nothing must not call. */
export const driveContentRoutes = ["files.export", "files.download"];

/** What a run cost: Drive calls (the token endpoint apart), content reads, embeddings. */
export interface SyncCost {
  calls: number;
  reads: number;
  embedded: number;
}

/** Retries without waiting: a test sees each fault's outcome at once. */
export const noWaitRetry = { sleep: async () => {}, random: () => 0.5 };

export interface DriveSyncKit {
  standIn: DriveStandIn;
  database: Database;
  store: VectorStore;
  embedder: ReturnType<typeof countingEmbedder>;
  connection: SourceConnectionRow;
  encryptionKey: string;
  /** Connection ids admins were told need re-auth. */
  alerted: string[];
  settings(extra?: Partial<DriveSourceSettings>): DriveSourceSettings;
  sync(mode: SyncMode, extra?: Partial<DriveSourceSettings>): Promise<SourceSyncReport>;
  indexed(): Promise<IndexedSourceDocument[]>;
  byId(fileId: string): Promise<IndexedSourceDocument | undefined>;
  row(): Promise<SourceConnectionRow | undefined>;
  /** What `run` (a sync, usually) costs on the stand-in and the embedder. */
  cost(run: () => Promise<unknown>): Promise<SyncCost>;
  close(): Promise<void>;
}

/**
 * For tests: the stand-in Drive, a database, a LanceDB store and one OAuth Drive connection (the
 * admin's grant sealed as the web role stores it), synced through syncSource as the sync role does.
 */
export async function startDriveSyncKit(options: DriveStandInOptions = {}): Promise<DriveSyncKit> {
  const temp = await makeTempDir();
  const standIn = await startDriveStandIn(options);
  const database = await openDatabase({ dataDir: join(temp.path, "data") });
  const store = createLanceDbStore({ directory: join(temp.path, "lancedb"), dimensions });
  const embedder = countingEmbedder();
  const encryptionKey = randomBytes(32).toString("base64");
  const workspaceId = "acme";
  const id = "drive-admin@acme";
  await ensureWorkspace(database.db, workspaceId);
  const { tokens } = await standInGrant(standIn);
  const connection = await saveOAuthConnection(database.db, {
    id,
    workspaceId,
    kind: "drive",
    source: "drive:admin@example.com",
    label: "Google Drive (admin@example.com)",
    externalAccountId: "admin@example.com",
    connectedBy: null,
    credentials: sealDriveCredentials(createSecretBox(encryptionKey), id, tokens),
  });
  const alerted: string[] = [];
  const logger = silentLogger();
  const settings = (extra: Partial<DriveSourceSettings> = {}): DriveSourceSettings => ({
    apiUrl: standIn.rootUrl,
    tokenUrl: standIn.tokenUrl,
    authUrl: standIn.authUrl,
    clientId: standIn.client.clientId,
    clientSecret: standIn.client.clientSecret,
    encryptionKey,
    database,
    logger,
    limits: { maxFileBytes: 20 << 20 },
    retry: noWaitRetry,
    ...extra,
  });
  const indexed = () => listIndexedSourceDocuments(database.db, workspaceId, connection.source);
  return {
    standIn,
    database,
    store,
    embedder,
    connection,
    encryptionKey,
    alerted,
    settings,
    async sync(mode, extra) {
      const result = await syncSource(
        {
          database,
          store,
          embedder,
          logger,
          connectors: sourceConnectors([driveSourceConnector(settings(extra))]),
          alerts: { needsReauth: async (row) => void alerted.push(row.id) },
        },
        { connectionId: id, mode },
      );
      if (result.status !== "done") throw new Error("the sync did not run");
      return result.report;
    },
    indexed,
    byId: async (fileId) => (await indexed()).find((document) => document.externalId === fileId),
    row: () => getSourceConnection(database.db, id),
    async cost(run) {
      const calls = standIn.calls.length;
      const embeddedBefore = embedder.embedded;
      await run();
      const made = standIn.calls.slice(calls).filter((call) => !call.route.startsWith("oauth."));
      return {
        calls: made.length,
        reads: made.filter((call) => driveContentRoutes.includes(call.route)).length,
        embedded: embedder.embedded - embeddedBefore,
      };
    },
    async close() {
      await store.close();
      await database.close();
      await standIn.close();
      await temp.remove();
    },
  };
}
