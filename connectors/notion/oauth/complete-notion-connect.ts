import { oauthStateKey, safeParseOAuthState } from "#connectors/oauth/oauth-state.ts";
import type { OAuthStateLedger } from "#connectors/oauth/oauth-state-ledger.ts";
import { createSecretBox } from "#shared/crypto/secret-box.ts";
import type { Db } from "#shared/db/database.ts";
import { saveOAuthConnection } from "#shared/db/source-connection-repository.ts";
import { ensureWorkspace } from "#shared/db/workspace-repository.ts";
import { AppError, ErrorCode, errorMessage, isAppError } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { JobPayloadInput } from "#shared/queue/job-catalog.ts";
import { oauthNotionConnectionId, oauthNotionSource } from "./notion-connection-ids.ts";
import { credentialsFromTokens, sealNotionCredentials } from "./notion-credentials.ts";
import type { NotionOAuthConfig } from "./notion-oauth-config.ts";
import { codeExchangeError } from "./notion-token-errors.ts";
import { requestNotionToken } from "./request-notion-token.ts";

export interface CompleteNotionConnectDependencies {
  config: NotionOAuthConfig;
  db: Db;
  ledger: OAuthStateLedger;
  /** Queues the first sync (the `sync` queue). */
  enqueueSync(payload: JobPayloadInput<"sync">): Promise<unknown>;
  logger: Logger;
  now?: () => Date;
  /** For the token endpoint (tests, proxies). */
  fetch?: typeof fetch;
}

/** The query Notion sends the browser back with. */
export interface NotionCallbackQuery {
  code?: string | undefined;
  state?: string | undefined;
  /** `access_denied` when the admin pressed Cancel. */
  error?: string | undefined;
}

export type NotionConnectOutcome =
  | {
      status: "connected";
      workspaceId: string;
      connectionId: string;
      notionWorkspaceName: string;
      /** False when the sync queue could not be reached: the schedule picks the connection up later. */
      syncQueued: boolean;
    }
  | { status: "denied" }
  /** The link was not ours, was altered, has expired or was used already. */
  | { status: "bad_state"; reason: "missing" | "malformed" | "forged" | "expired" | "reused" }
  | { status: "failed"; error: AppError };

/**
 * The OAuth callback: checks the state (signature, expiry, then single use), exchanges the code,
 * stores the connection with its tokens sealed, and queues its first (full) sync. Never throws for
 * what a browser can send; returns what happened, for the page.
 */
export async function completeNotionConnect(
  dependencies: CompleteNotionConnectDependencies,
  query: NotionCallbackQuery,
): Promise<NotionConnectOutcome> {
  const { config, logger } = dependencies;
  const now = dependencies.now ?? (() => new Date());
  if (query.error) {
    logger.info({ error: query.error.slice(0, 100) }, "Notion consent not given");
    return query.error === "access_denied"
      ? { status: "denied" }
      : {
          status: "failed",
          error: new AppError(
            ErrorCode.InvalidInput,
            `Notion ended the sign-in with "${query.error.slice(0, 100)}".`,
          ),
        };
  }
  if (!query.state) return { status: "bad_state", reason: "missing" };
  const check = safeParseOAuthState(oauthStateKey(config.encryptionKey, "notion"), query.state, now());
  if (!check.ok) {
    logger.warn({ reason: check.reason }, "Notion OAuth callback with a bad state");
    return { status: "bad_state", reason: check.reason };
  }
  const { state } = check;
  if (!query.code) {
    return {
      status: "failed",
      error: new AppError(ErrorCode.InvalidInput, "Notion sent no authorization code."),
    };
  }
  try {
    // Claimed before the exchange: a double click must not connect twice.
    if (!(await dependencies.ledger.claim(state.nonce, state.expiresAt))) {
      logger.warn({ workspaceId: state.workspaceId }, "Notion OAuth state used twice");
      return { status: "bad_state", reason: "reused" };
    }
    const result = await requestNotionToken(
      { apiUrl: config.apiUrl, clientId: config.clientId, clientSecret: config.clientSecret },
      { grant_type: "authorization_code", code: query.code, redirect_uri: config.redirectUri },
      dependencies.fetch ? { fetch: dependencies.fetch } : {},
    );
    if (!result.ok) {
      logger.warn(
        { status: result.failure.status, error: result.failure.error },
        "Notion code exchange refused",
      );
      return { status: "failed", error: codeExchangeError(result.failure) };
    }
    const { tokens } = result;
    if (!tokens.workspaceId) {
      return {
        status: "failed",
        error: new AppError(
          ErrorCode.UpstreamError,
          "Notion's answer did not say which workspace was connected.",
        ),
      };
    }
    const connectionId = oauthNotionConnectionId(tokens.workspaceId, state.workspaceId);
    const notionWorkspaceName = tokens.workspaceName || "Notion workspace";
    const box = createSecretBox(config.encryptionKey);
    await ensureWorkspace(dependencies.db, state.workspaceId);
    await saveOAuthConnection(dependencies.db, {
      id: connectionId,
      workspaceId: state.workspaceId,
      kind: "notion",
      source: oauthNotionSource(tokens.workspaceId),
      label: notionWorkspaceName,
      externalAccountId: tokens.workspaceId,
      connectedBy: state.connectedBy,
      credentials: sealNotionCredentials(box, connectionId, credentialsFromTokens(tokens)),
    });
    logger.info(
      { workspaceId: state.workspaceId, connectionId, connectedBy: state.connectedBy },
      "Notion workspace connected",
    );
    const syncQueued = await dependencies
      .enqueueSync({ workspaceId: state.workspaceId, connectionId, mode: "full", reason: "manual" })
      .then(
        () => true,
        (error: unknown) => {
          logger.warn({ connectionId, err: errorMessage(error) }, "could not queue the first Notion sync");
          return false;
        },
      );
    return {
      status: "connected",
      workspaceId: state.workspaceId,
      connectionId,
      notionWorkspaceName,
      syncQueued,
    };
  } catch (error) {
    logger.error({ err: errorMessage(error), workspaceId: state.workspaceId }, "Notion connection failed");
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
