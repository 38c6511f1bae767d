import { randomBytes } from "node:crypto";
import { NotionApiError } from "./notion-api-error.ts";
import { standInUser } from "./object-json.ts";

/** The code `POST /v1/oauth/token` accepts once (authorization_code grant). */
export const goodNotionOAuthCode = "standin-notion-code";

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

export interface WorkspaceIdentity {
  workspaceId: string;
  workspaceName: string;
  botId: string;
}

/** Valid bearer tokens: the internal-integration token plus those issued through OAuth. */
export function createTokenStore(internalToken: string, client: OAuthClient, identity: WorkspaceIdentity) {
  const accessTokens = new Set([internalToken]);
  let refreshToken: string | undefined;
  let codeUsed = false;
  let lastIssued: string | undefined;

  function issue(): Record<string, unknown> {
    if (lastIssued) accessTokens.delete(lastIssued);
    const access = `ntn_${randomBytes(12).toString("hex")}`;
    refreshToken = `nrt_${randomBytes(12).toString("hex")}`;
    accessTokens.add(access);
    lastIssued = access;
    return {
      access_token: access,
      token_type: "bearer",
      refresh_token: refreshToken,
      bot_id: identity.botId,
      workspace_icon: null,
      workspace_name: identity.workspaceName,
      workspace_id: identity.workspaceId,
      owner: {
        type: "user",
        user: {
          ...standInUser,
          type: "person",
          person: { email: "admin@example.com" },
          name: "Admin",
          avatar_url: null,
        },
      },
      duplicated_template_id: null,
    };
  }

  return {
    isValid: (token: string | undefined): boolean => token !== undefined && accessTokens.has(token),
    revokeAll(): void {
      accessTokens.clear();
      refreshToken = undefined;
    },
    /** `POST /v1/oauth/token` with HTTP Basic client credentials. */
    exchange(authorization: string | undefined, body: Record<string, unknown>): Record<string, unknown> {
      const expected = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}`;
      if (authorization !== expected)
        throw new NotionApiError(401, "invalid_client", "Client authentication failed.");
      if (body.grant_type === "authorization_code") {
        if (body.code !== goodNotionOAuthCode || codeUsed) throw invalidGrant("Invalid code.");
        codeUsed = true;
        return issue();
      }
      if (body.grant_type === "refresh_token") {
        if (!refreshToken || body.refresh_token !== refreshToken)
          throw invalidGrant("Invalid refresh token.");
        return issue();
      }
      throw new NotionApiError(
        400,
        "unsupported_grant_type",
        `Unsupported grant_type: ${String(body.grant_type)}.`,
      );
    },
  };
}

function invalidGrant(message: string): NotionApiError {
  return new NotionApiError(400, "invalid_grant", message);
}
