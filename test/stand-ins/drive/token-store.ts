import { randomBytes } from "node:crypto";
import { readJwtAssertion } from "./jwt-assertion.ts";
import { OAuthError, oauthErrors } from "./oauth-error.ts";

export interface OAuthClientSpec {
  clientId: string;
  clientSecret: string;
}

/** One token the endpoint handed out (or refused), without any secret in it. */
export interface TokenGrant {
  grantType: "authorization_code" | "refresh_token" | "jwt-bearer" | string;
  clientId: string | undefined;
  /** Service accounts: the JWT's `iss`. */
  issuer: string | undefined;
  /** Service accounts: the JWT's `sub` (domain-wide delegation), if any. */
  subject: string | undefined;
  scope: string | undefined;
  /** The OAuth error when refused. */
  error: string | undefined;
}

interface AccessToken {
  principal: string;
  scope: string;
  expiresAtMs: number;
}

const token = (prefix: string) => `${prefix}${randomBytes(18).toString("base64url")}`;

/**
 * Google's OAuth token endpoint: authorization codes (a refresh token only for `access_type=offline`),
 * refresh grants, and the JWT-bearer grant of service accounts. Access tokens last `lifetimeSeconds`.
 */
export class TokenStore {
  readonly grants: TokenGrant[] = [];
  private readonly codes = new Map<
    string,
    { clientId: string; redirectUri: string; offline: boolean; scope: string }
  >();
  private readonly refreshTokens = new Map<string, { clientId: string; scope: string; revoked: boolean }>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly client: OAuthClientSpec;
  private readonly principal: string;
  lifetimeSeconds: number;

  constructor(client: OAuthClientSpec, principal: string, lifetimeSeconds: number) {
    this.client = client;
    this.principal = principal;
    this.lifetimeSeconds = lifetimeSeconds;
  }

  /** The code consent would hand back to `redirectUri`. */
  issueCode(redirectUri: string, options: { offline?: boolean; scope?: string } = {}): string {
    const code = token("4/0Std");
    this.codes.set(code, {
      clientId: this.client.clientId,
      redirectUri,
      offline: options.offline ?? true,
      scope: options.scope ?? "https://www.googleapis.com/auth/drive.readonly",
    });
    return code;
  }

  /** The POSTed form of one token request → Google's JSON answer; refusals throw an OAuthError. */
  exchange(form: URLSearchParams, basicAuth: string | undefined): Record<string, unknown> {
    const grantType = form.get("grant_type") ?? "";
    const grant: TokenGrant = {
      grantType: grantType.endsWith(":jwt-bearer") ? "jwt-bearer" : grantType,
      clientId: form.get("client_id") ?? undefined,
      issuer: undefined,
      subject: undefined,
      scope: undefined,
      error: undefined,
    };
    try {
      return this.answer(grantType, form, basicAuth, grant);
    } catch (error) {
      if (error instanceof OAuthError) grant.error = error.error;
      throw error;
    } finally {
      this.grants.push(grant);
    }
  }

  private answer(grantType: string, form: URLSearchParams, basicAuth: string | undefined, grant: TokenGrant) {
    if (grantType === "urn:ietf:params:oauth:grant-type:jwt-bearer") {
      const claims = readJwtAssertion(form.get("assertion") ?? "");
      Object.assign(grant, { issuer: claims.iss, subject: claims.sub, scope: claims.scope });
      return this.accessAnswer(claims.sub ?? claims.iss, claims.scope);
    }
    const [basicId, basicSecret] = basicAuth
      ? Buffer.from(basicAuth.replace(/^Basic /, ""), "base64")
          .toString("utf8")
          .split(":")
      : [];
    const clientId = form.get("client_id") ?? basicId;
    if (
      clientId !== this.client.clientId ||
      (form.get("client_secret") ?? basicSecret) !== this.client.clientSecret
    )
      throw oauthErrors.badClient();
    if (grantType === "authorization_code") {
      const code = this.codes.get(form.get("code") ?? "");
      if (!code) throw oauthErrors.badCode();
      if (code.redirectUri !== form.get("redirect_uri")) throw oauthErrors.redirectMismatch();
      this.codes.delete(form.get("code") ?? "");
      grant.scope = code.scope;
      const answer = this.accessAnswer(this.principal, code.scope);
      if (!code.offline) return answer;
      const refresh = token("1//0Std");
      this.refreshTokens.set(refresh, { clientId, scope: code.scope, revoked: false });
      return { ...answer, refresh_token: refresh };
    }
    if (grantType === "refresh_token") {
      const presented = form.get("refresh_token");
      if (!presented) throw oauthErrors.missing("refresh_token");
      const refresh = this.refreshTokens.get(presented);
      if (!refresh || refresh.revoked) throw oauthErrors.revoked();
      grant.scope = refresh.scope;
      return this.accessAnswer(this.principal, refresh.scope);
    }
    throw oauthErrors.unsupported(grantType);
  }

  private accessAnswer(principal: string, scope: string): Record<string, unknown> {
    const access = token("ya29.Std");
    this.accessTokens.set(access, {
      principal,
      scope,
      expiresAtMs: Date.now() + this.lifetimeSeconds * 1000,
    });
    return { access_token: access, expires_in: this.lifetimeSeconds, scope, token_type: "Bearer" };
  }

  /** Whom a Bearer token acts for; undefined when unknown or expired (Drive then answers 401). */
  principalOf(bearer: string | undefined): string | undefined {
    const access = bearer ? this.accessTokens.get(bearer) : undefined;
    return access && access.expiresAtMs > Date.now() ? access.principal : undefined;
  }
  /** The scopes a Bearer token was granted ("" when unknown). */
  scopeOf(bearer: string | undefined): string {
    return (bearer && this.accessTokens.get(bearer)?.scope) || "";
  }
  /** Every access token handed out so far stops working (401): clients must refresh. */
  expireAccessTokens(): void {
    for (const access of this.accessTokens.values()) access.expiresAtMs = 0;
  }
  /** The user revoked the app: every refresh grant answers invalid_grant, access tokens 401. */
  revokeGrants(): void {
    for (const refresh of this.refreshTokens.values()) refresh.revoked = true;
    this.expireAccessTokens();
  }
  /** A token that works without any OAuth dance (a test's shortcut). */
  mintAccessToken(
    principal = this.principal,
    scope = "https://www.googleapis.com/auth/drive.readonly",
  ): string {
    return this.accessAnswer(principal, scope).access_token as string;
  }
}
