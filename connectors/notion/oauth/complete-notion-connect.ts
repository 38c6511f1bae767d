import {
  completeOAuthConnect,
  type OAuthConnectDependencies,
  type OAuthConnectProvider,
} from "#connectors/oauth/complete-oauth-connect.ts";
import type { OAuthCallbackQuery, OAuthConnectOutcome } from "#connectors/oauth/oauth-connect-outcome.ts";
import { oauthStateKey } from "#connectors/oauth/oauth-state.ts";
import { createSecretBox } from "#shared/crypto/secret-box.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { oauthNotionConnectionId, oauthNotionSource } from "./notion-connection-ids.ts";
import { credentialsFromTokens, sealNotionCredentials } from "./notion-credentials.ts";
import type { NotionOAuthConfig } from "./notion-oauth-config.ts";
import { codeExchangeError } from "./notion-token-errors.ts";
import { requestNotionToken } from "./request-notion-token.ts";

export interface CompleteNotionConnectDependencies extends OAuthConnectDependencies {
  config: NotionOAuthConfig;
  /** For the token endpoint (tests, proxies). */
  fetch?: typeof fetch;
}

/**
 * Notion's OAuth callback (see completeOAuthConnect): the code is exchanged at
 * `${NOTION_API_URL}/v1/oauth/token`; one connection per (Notion workspace, Sabio workspace).
 */
export function completeNotionConnect(
  dependencies: CompleteNotionConnectDependencies,
  query: OAuthCallbackQuery,
): Promise<OAuthConnectOutcome> {
  const { config, logger } = dependencies;
  const provider: OAuthConnectProvider = {
    name: "Notion",
    stateKey: oauthStateKey(config.encryptionKey, "notion"),
    async exchange(code, state) {
      const result = await requestNotionToken(
        { apiUrl: config.apiUrl, clientId: config.clientId, clientSecret: config.clientSecret },
        { grant_type: "authorization_code", code, redirect_uri: config.redirectUri },
        dependencies.fetch ? { fetch: dependencies.fetch } : {},
      );
      if (!result.ok) {
        logger.warn(
          { status: result.failure.status, error: result.failure.error },
          "Notion code exchange refused",
        );
        return { ok: false, error: codeExchangeError(result.failure) };
      }
      const { tokens } = result;
      if (!tokens.workspaceId) {
        return {
          ok: false,
          error: new AppError(
            ErrorCode.UpstreamError,
            "Notion's answer did not say which workspace was connected.",
          ),
        };
      }
      const id = oauthNotionConnectionId(tokens.workspaceId, state.workspaceId);
      const box = createSecretBox(config.encryptionKey);
      return {
        ok: true,
        connection: {
          id,
          kind: "notion",
          source: oauthNotionSource(tokens.workspaceId),
          label: tokens.workspaceName || "Notion workspace",
          externalAccountId: tokens.workspaceId,
          credentials: sealNotionCredentials(box, id, credentialsFromTokens(tokens)),
        },
      };
    },
  };
  return completeOAuthConnect(provider, dependencies, query);
}
