import type { Db } from "#shared/db/database.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { JobPayloadInput } from "#shared/queue/job-catalog.ts";
import type { Telemetry } from "#shared/telemetry/telemetry.ts";
import type { OAuthCallbackQuery } from "./oauth-connect-outcome.ts";
import type { OAuthConnectPage } from "./oauth-connect-page.ts";
import type { OAuthStateLedger } from "./oauth-state-ledger.ts";

/** What the web role gives every OAuth callback. */
export interface OAuthCallbackContext {
  db: Db;
  /** Remembers used states (Redis in production), shared by every provider. */
  ledger: OAuthStateLedger;
  enqueueSync(payload: JobPayloadInput<"sync">): Promise<unknown>;
  logger: Logger;
  /** For the vendors' token endpoints and APIs (tests, proxies). */
  fetch?: typeof fetch;
  /** Told of each connection made (analytics). */
  telemetry?: Telemetry;
}

/** One provider's `GET <path>`: the browser comes back from consent, the page says what happened. */
export interface OAuthCallbackRoute {
  /** How the web role's log names it: "notion", "google". */
  provider: string;
  /** e.g. "/oauth/notion/callback". */
  path: string;
  handle(context: OAuthCallbackContext, query: OAuthCallbackQuery): Promise<OAuthConnectPage>;
}
