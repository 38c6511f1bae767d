import type { Redis } from "ioredis";
import { notionRequestBudget } from "#connectors/notion/client/notion-request-budget.ts";
import { notionAccessTokenFor } from "#connectors/notion/oauth/notion-access-token.ts";
import type { SourceAlerts } from "#connectors/sources/source-alerts.ts";
import type { SyncSourceDependencies } from "#connectors/sources/sync-source.ts";
import type { Services } from "./services.ts";

export interface SourceSyncExtras {
  /** Shares the Notion request budget with every other worker; without it this process keeps its own. */
  redis?: Redis;
  alerts?: SourceAlerts;
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
    notion: {
      apiUrl: env.NOTION_API_URL,
      internalToken: env.NOTION_TOKEN,
      ...(accessTokenFor === undefined ? {} : { accessTokenFor }),
      ...(fetchFor === undefined ? {} : { fetchFor }),
    },
    ...(extras.alerts === undefined ? {} : { alerts: extras.alerts }),
  };
}
