import type { SourceConnector } from "#connectors/sources/source-connector.ts";
import { createDriveClient, type DriveClientSettings } from "./client/create-drive-client.ts";
import type { DriveContentLimits } from "./content/drive-file-ref.ts";
import {
  type DriveCredentialSettings,
  driveCredentialForConnection,
} from "./sync/drive-credential-for-connection.ts";
import { syncDrive } from "./sync/sync-drive.ts";

export interface DriveSourceSettings
  extends DriveCredentialSettings,
    Pick<DriveClientSettings, "apiUrl" | "tokenUrl" | "authUrl" | "fetchFor" | "retry"> {
  /** DRIVE_MAX_FILE_MB in bytes. */
  limits: DriveContentLimits;
  /** DRIVE_SYNC_MINUTES: the sync role's incremental schedule for Drive connections. */
  syncMinutes?: number;
}

/**
 * Google Drive as a source: the connection's sealed OAuth grant (refreshed and re-sealed by the
 * client) or the service account from the environment, then a full listing or the changes feed
 * from the page token in its sync state.
 */
export function driveSourceConnector(settings: DriveSourceSettings): SourceConnector {
  return {
    kind: "drive",
    displayName: "Google Drive",
    syncMinutes: settings.syncMinutes ?? 15,
    async open(connection) {
      const credential = await driveCredentialForConnection(connection, settings);
      const api = createDriveClient({
        apiUrl: settings.apiUrl,
        tokenUrl: settings.tokenUrl,
        authUrl: settings.authUrl,
        credential,
        ...(settings.fetchFor === undefined ? {} : { fetchFor: settings.fetchFor }),
        ...(settings.retry === undefined ? {} : { retry: settings.retry }),
      });
      const target = { workspaceId: connection.workspaceId, source: connection.source };
      return {
        sync: (context, request) => syncDrive({ api, target, limits: settings.limits }, context, request),
      };
    },
  };
}
