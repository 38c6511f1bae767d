import type { Db } from "#shared/db/database.ts";
import { type OAuthConnection, saveOAuthConnection } from "#shared/db/source-connection-repository.ts";
import { ensureWorkspace } from "#shared/db/workspace-repository.ts";
import { AppError, ErrorCode, errorMessage, isAppError } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { JobPayloadInput } from "#shared/queue/job-catalog.ts";
import type { Telemetry } from "#shared/telemetry/telemetry.ts";
import type { OAuthCallbackQuery, OAuthConnectOutcome } from "./oauth-connect-outcome.ts";
import { type OAuthState, safeParseOAuthState } from "./oauth-state.ts";
import type { OAuthStateLedger } from "./oauth-state-ledger.ts";

/** What a provider's code exchange gives: the connection to store (tokens already sealed). */
export type ExchangedConnection = Omit<OAuthConnection, "workspaceId" | "connectedBy"> & { label: string };

/** One vendor's part of the callback. */
export interface OAuthConnectProvider {
  /** How messages and logs name it: "Notion", "Google". */
  name: string;
  /** The key its states are signed with (oauthStateKey(ENCRYPTION_KEY, provider)). */
  stateKey: Buffer;
  /** Exchanges the code (and reads the account); refusals come back as AppErrors in plain words. */
  exchange(
    code: string,
    state: OAuthState,
  ): Promise<{ ok: true; connection: ExchangedConnection } | { ok: false; error: AppError }>;
}

export interface OAuthConnectDependencies {
  db: Db;
  ledger: OAuthStateLedger;
  /** Queues the first sync (the `sync` queue). */
  enqueueSync(payload: JobPayloadInput<"sync">): Promise<unknown>;
  logger: Logger;
  /** Told of each connection made (analytics); default: nobody. */
  telemetry?: Telemetry;
  now?: () => Date;
}

/**
 * Any provider's OAuth callback: checks the state (signature, expiry, then single use), exchanges
 * the code, stores the connection with its tokens sealed (reconnecting the same account updates
 * it and clears needs re-auth), and queues its first (full) sync. Never throws for what a browser
 * can send; returns what happened, for the page.
 */
export async function completeOAuthConnect(
  provider: OAuthConnectProvider,
  dependencies: OAuthConnectDependencies,
  query: OAuthCallbackQuery,
): Promise<OAuthConnectOutcome> {
  const { logger } = dependencies;
  const { name } = provider;
  const now = dependencies.now ?? (() => new Date());
  if (query.error) {
    logger.info({ error: query.error.slice(0, 100) }, `${name} consent not given`);
    return query.error === "access_denied"
      ? { status: "denied" }
      : {
          status: "failed",
          error: new AppError(
            ErrorCode.InvalidInput,
            `${name} ended the sign-in with "${query.error.slice(0, 100)}".`,
          ),
        };
  }
  if (!query.state) return { status: "bad_state", reason: "missing" };
  const check = safeParseOAuthState(provider.stateKey, query.state, now());
  if (!check.ok) {
    logger.warn({ reason: check.reason }, `${name} OAuth callback with a bad state`);
    return { status: "bad_state", reason: check.reason };
  }
  const { state } = check;
  if (!query.code) {
    return {
      status: "failed",
      error: new AppError(ErrorCode.InvalidInput, `${name} sent no authorization code.`),
    };
  }
  try {
    // Claimed before the exchange: a double click must not connect twice.
    if (!(await dependencies.ledger.claim(state.nonce, state.expiresAt))) {
      logger.warn({ workspaceId: state.workspaceId }, `${name} OAuth state used twice`);
      return { status: "bad_state", reason: "reused" };
    }
    const exchanged = await provider.exchange(query.code, state);
    if (!exchanged.ok) return { status: "failed", error: exchanged.error };
    const { connection } = exchanged;
    await ensureWorkspace(dependencies.db, state.workspaceId);
    await saveOAuthConnection(dependencies.db, {
      ...connection,
      workspaceId: state.workspaceId,
      connectedBy: state.connectedBy,
    });
    const connectionId = connection.id;
    dependencies.telemetry?.sourceConnected({
      workspaceId: state.workspaceId,
      kind: connection.kind,
      connectionId,
    });
    logger.info(
      { workspaceId: state.workspaceId, connectionId, connectedBy: state.connectedBy },
      `${name} account connected`,
    );
    const syncQueued = await dependencies
      .enqueueSync({ workspaceId: state.workspaceId, connectionId, mode: "full", reason: "manual" })
      .then(
        () => true,
        (error: unknown) => {
          logger.warn({ connectionId, err: errorMessage(error) }, `could not queue the first ${name} sync`);
          return false;
        },
      );
    return {
      status: "connected",
      workspaceId: state.workspaceId,
      connectionId,
      accountLabel: connection.label,
      syncQueued,
    };
  } catch (error) {
    logger.error({ err: errorMessage(error), workspaceId: state.workspaceId }, `${name} connection failed`);
    return {
      status: "failed",
      error: isAppError(error)
        ? error
        : new AppError(ErrorCode.Internal, "Sabio could not save the connection.", {
            cause: error,
            retryable: true,
          }),
    };
  }
}
