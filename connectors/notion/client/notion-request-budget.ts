import type { Redis } from "ioredis";
import type { Logger } from "#shared/log/logger.ts";

export interface NotionRequestBudgetOptions {
  /** Shared budget across processes when given; otherwise this process keeps its own. */
  redis: Redis | undefined;
  /** NOTION_REQUESTS_PER_SECOND. */
  perSecond: number;
  /** QUEUE_PREFIX, so deployments sharing a Redis keep separate budgets. */
  prefix: string;
  logger: Logger;
}

/**
 * A fetch per credential that spends from the token's request budget (~3 requests/s per Notion
 * integration), so every worker together stays under Notion's limit. Placeholder: no limiting yet.
 */
export function notionRequestBudget(
  _options: NotionRequestBudgetOptions,
): ((credentialKey: string) => typeof fetch) | undefined {
  return undefined;
}
