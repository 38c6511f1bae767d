import { randomBytes } from "node:crypto";
import type { SourceConnector } from "#connectors/sources/source-connector.ts";
import { createSecretBox } from "#shared/crypto/secret-box.ts";
import type { Database } from "#shared/db/database.ts";
import { saveOAuthConnection } from "#shared/db/source-connection-repository.ts";
import { ensureWorkspace } from "#shared/db/workspace-repository.ts";
import { sourceConnectorContract } from "#test/contracts/source-connector-contract.ts";
import { noWaitRetry } from "#test/drive/drive-sync-test-kit.ts";
import { standInGrant } from "#test/drive/stand-in-drive-client.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import type { DriveStandIn } from "#test/stand-ins/drive/drive-server.ts";
import { startDriveStandIn } from "#test/stand-ins/drive/drive-server.ts";
import { driveRetryDefaults } from "./client/retry-drive-requests.ts";
import { sealDriveCredentials } from "./drive-credentials.ts";
import { driveSourceConnector } from "./drive-source-connector.ts";

sourceConnectorContract("Google Drive (OAuth grant, stand-in Drive)", async () => {
  const standIn: DriveStandIn = await startDriveStandIn();
  const encryptionKey = randomBytes(32).toString("base64");
  let connector: SourceConnector | undefined;
  return {
    // Built once the suite's database exists: refreshed tokens are sealed and stored there.
    get connector(): SourceConnector {
      if (!connector) throw new Error("connect first");
      return connector;
    },
    async connect(database: Database, workspaceId: string) {
      connector = driveSourceConnector({
        apiUrl: standIn.rootUrl,
        tokenUrl: standIn.tokenUrl,
        authUrl: standIn.authUrl,
        clientId: standIn.client.clientId,
        clientSecret: standIn.client.clientSecret,
        encryptionKey,
        database,
        logger: silentLogger(),
        limits: { maxFileBytes: 20 << 20 },
        retry: noWaitRetry,
      });
      const id = `drive-admin@${workspaceId}`;
      await ensureWorkspace(database.db, workspaceId);
      const { tokens } = await standInGrant(standIn);
      return saveOAuthConnection(database.db, {
        id,
        workspaceId,
        kind: "drive",
        source: "drive:admin@example.com",
        externalAccountId: "admin@example.com",
        connectedBy: null,
        credentials: sealDriveCredentials(createSecretBox(encryptionKey), id, tokens),
      });
    },
    async add(title, text) {
      return standIn.addDoc({ name: title, markdown: text }).id;
    },
    async edit(id, text) {
      standIn.edit(id, { markdown: text });
    },
    async remove(id) {
      standIn.trash(id);
    },
    async breakListing() {
      standIn.failNext("files.list", { status: 503 }, driveRetryDefaults.failureRetries + 1);
    },
    async restoreListing() {
      standIn.clearFaults();
    },
    async revokeCredentials() {
      standIn.revokeGrants();
    },
    close: () => standIn.close(),
  };
});
