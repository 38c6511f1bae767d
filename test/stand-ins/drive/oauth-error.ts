/** An OAuth token-endpoint answer in Google's shape: `{ error, error_description }`. */
export class OAuthError extends Error {
  readonly status: number;
  readonly error: string;

  constructor(status: number, error: string, description: string) {
    super(description);
    this.name = "OAuthError";
    this.status = status;
    this.error = error;
  }

  body(): Record<string, string> {
    return { error: this.error, error_description: this.message };
  }
}

export const oauthErrors = {
  revoked: () => new OAuthError(400, "invalid_grant", "Token has been expired or revoked."),
  badCode: () => new OAuthError(400, "invalid_grant", "Malformed auth code."),
  badClient: () => new OAuthError(401, "invalid_client", "Unauthorized"),
  redirectMismatch: () => new OAuthError(400, "redirect_uri_mismatch", "Bad Request"),
  badAssertion: () => new OAuthError(400, "invalid_grant", "Invalid JWT Signature."),
  missing: (name: string) => new OAuthError(400, "invalid_request", `Missing required parameter: ${name}`),
  unsupported: (grantType: string) =>
    new OAuthError(400, "unsupported_grant_type", `Invalid grant_type: ${grantType}`),
} as const;
