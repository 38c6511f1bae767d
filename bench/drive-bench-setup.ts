import { driveRequestBudget } from "#connectors/drive/client/drive-request-budget.ts";
import { sealDriveCredentials } from "#connectors/drive/drive-credentials.ts";
import { type DriveSourceSettings, driveSourceConnector } from "#connectors/drive/drive-source-connector.ts";
import { sourceConnectors } from "#connectors/sources/source-connectors.ts";
import { type SyncMode, syncSource } from "#connectors/sources/sync-source.ts";
import { createSecretBox } from "#shared/crypto/secret-box.ts";
import { saveOAuthConnection } from "#shared/db/source-connection-repository.ts";
import { ensureWorkspace } from "#shared/db/workspace-repository.ts";
import type { Embedder } from "#shared/knowledge/embed/embedder.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { DriveStandIn } from "#test/stand-ins/drive/drive-server.ts";
import { standInGrant } from "../test/drive/stand-in-drive-client.ts";
import { benchWorkspace } from "./bench-workspace.ts";
import type { timedLimiter } from "./timed-limiter.ts";

export const benchDrive = {
  workspaceId: "bench",
  connectionId: "drive-admin@bench",
  source: "drive:admin@example.com",
} as const;

export type DriveBenchSetup = Awaited<ReturnType<typeof openDriveBenchSetup>>;

/** A fresh index with the admin's Drive grant stored sealed, as the web role's callback leaves it. */
export async function openDriveBenchSetup(
  base: {
    drive: DriveStandIn;
    embedder: Embedder;
    logger: Logger;
    encryptionKey: string;
  },
  limiter: ReturnType<typeof timedLimiter> | undefined,
) {
  const { drive, embedder, logger, encryptionKey } = base;
  const bench = await benchWorkspace(256);
  await ensureWorkspace(bench.database.db, benchDrive.workspaceId);
  const { tokens } = await standInGrant(drive);
  await saveOAuthConnection(bench.database.db, {
    id: benchDrive.connectionId,
    workspaceId: benchDrive.workspaceId,
    kind: "drive",
    source: benchDrive.source,
    externalAccountId: "admin@example.com",
    connectedBy: null,
    credentials: sealDriveCredentials(createSecretBox(encryptionKey), benchDrive.connectionId, tokens),
  });
  const settings: DriveSourceSettings = {
    apiUrl: drive.rootUrl,
    tokenUrl: drive.tokenUrl,
    authUrl: drive.authUrl,
    clientId: drive.client.clientId,
    clientSecret: drive.client.clientSecret,
    encryptionKey,
    database: bench.database,
    logger,
    limits: { maxFileBytes: 20 << 20 },
    ...(limiter === undefined ? {} : { fetchFor: driveRequestBudget(limiter) }),
  };
  const connectors = sourceConnectors([driveSourceConnector(settings)]);
  return {
    ...bench,
    sync: (mode: SyncMode) =>
      syncSource(
        { database: bench.database, store: bench.store, embedder, logger, connectors, leaseMs: 60_000 },
        { connectionId: benchDrive.connectionId, mode },
      ),
  };
}
