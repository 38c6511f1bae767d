import type { Redis } from "ioredis";
import { folderSourceConnector } from "#connectors/files/folder-source-connector.ts";
import { notionRequestBudget } from "#connectors/notion/client/notion-request-budget.ts";
import { notionSourceConnector } from "#connectors/notion/notion-source-connector.ts";
import { notionAccessTokenFor } from "#connectors/notion/oauth/notion-access-token.ts";
import { lazySourceConnector } from "#connectors/sources/lazy-source-connector.ts";
import type { SourceAlerts } from "#connectors/sources/source-alerts.ts";
import { sourceConnectors } from "#connectors/sources/source-connectors.ts";
import type { SyncSourceDependencies } from "#connectors/sources/sync-source.ts";
import type { Telemetry } from "#shared/telemetry/telemetry.ts";
import type { Services } from "./services.ts";

export interface SourceSyncExtras {
  /** Shares the Notion and Drive request budgets with every other worker; without it this process keeps its own. */
  redis?: Redis;
  alerts?: SourceAlerts;
  /** Told of each sync that ran (sabio start's observers). */
  telemetry?: Telemetry | undefined;
}

/** Everything `syncSource` needs, from configuration: the CLI and the sync role build it the same way. */
export async function sourceSyncDependencies(
  services: Services,
  extras: SourceSyncExtras = {},
): Promise<SyncSourceDependencies> {
  const { env, logger } = services;
  const database = await services.database();
  const accessTokenFor = notionAccessTokenFor({
    apiUrl: env.NOTION_API_URL,
    clientId: env.NOTION_CLIENT_ID,
    clientSecret: env.NOTION_CLIENT_SECRET,
    encryptionKey: env.ENCRYPTION_KEY,
    database,
    logger,
  });
  const fetchFor = notionRequestBudget({
    redis: extras.redis,
    perSecond: env.NOTION_REQUESTS_PER_SECOND,
    prefix: env.QUEUE_PREFIX,
    logger,
  });
  return {
    database,
    store: services.store(),
    embedder: services.embedder(),
    logger,
    // The one place each kind of source gets its settings and I/O.
    connectors: sourceConnectors([
      notionSourceConnector({
        apiUrl: env.NOTION_API_URL,
        internalToken: env.NOTION_TOKEN,
        syncMinutes: env.NOTION_SYNC_MINUTES,
        ...(accessTokenFor === undefined ? {} : { accessTokenFor }),
        ...(fetchFor === undefined ? {} : { fetchFor }),
      }),
      lazySourceConnector(
        { kind: "drive", displayName: "Google Drive", syncMinutes: env.DRIVE_SYNC_MINUTES },
        async () => {
          const [{ driveSourceConnector }, { driveContentLimits }, budget] = await Promise.all([
            import("#connectors/drive/drive-source-connector.ts"),
            import("#connectors/drive/content/drive-file-ref.ts"),
            import("#connectors/drive/client/drive-request-budget.ts"),
          ]);
          const { driveRequestBudget, createDriveRequestLimiter } = budget;
          return driveSourceConnector({
            apiUrl: env.GOOGLE_API_URL,
            tokenUrl: env.GOOGLE_TOKEN_URL,
            authUrl: env.GOOGLE_OAUTH_URL,
            clientId: env.GOOGLE_CLIENT_ID,
            clientSecret: env.GOOGLE_CLIENT_SECRET,
            encryptionKey: env.ENCRYPTION_KEY,
            serviceAccountFile: env.GOOGLE_SERVICE_ACCOUNT_FILE,
            subject: env.GOOGLE_DRIVE_SUBJECT,
            database,
            logger,
            limits: driveContentLimits(env),
            syncMinutes: env.DRIVE_SYNC_MINUTES,
            fetchFor: driveRequestBudget(
              createDriveRequestLimiter({ redis: extras.redis, prefix: env.QUEUE_PREFIX, logger }),
            ),
          });
        },
      ),
      folderSourceConnector(),
    ]),
    ...(extras.alerts === undefined ? {} : { alerts: extras.alerts }),
    ...(extras.telemetry === undefined ? {} : { telemetry: extras.telemetry }),
  };
}
