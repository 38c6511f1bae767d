import { JWT, OAuth2Client } from "google-auth-library";
import { type DriveCredential, type DriveTokens, driveReadonlyScope } from "./drive-credential.ts";

/** Where google-auth-library's JWT grant posts, whatever its `endpoints` say. */
const fixedGoogleTokenUrl = "https://oauth2.googleapis.com/token";

export interface DriveAuth {
  client: OAuth2Client;
  /** A fresh authorization header in place of `rejected` (one refresh for a wave of 401s). */
  renew(rejected: string | null): Promise<string>;
}

/**
 * The auth client for one credential, its token calls sent to `tokenUrl` (GOOGLE_TOKEN_URL):
 * OAuth2Client via `endpoints`; the service account's JWT, which ignores them, through an
 * interceptor on its transporter. `renew` forces a refresh unless one already replaced the
 * rejected token.
 */
export function createDriveAuth(
  credential: DriveCredential,
  urls: { tokenUrl: string; authUrl: string },
): DriveAuth {
  const client =
    credential.kind === "oauth" ? oauthClient(credential, urls) : serviceAccountClient(credential, urls);
  let renewing: Promise<string> | undefined;
  const current = () => `Bearer ${client.credentials.access_token ?? ""}`;
  const renew = (rejected: string | null): Promise<string> => {
    if (rejected !== null && rejected !== current() && client.credentials.access_token) {
      return Promise.resolve(current());
    }
    renewing ??= (async () => {
      try {
        // Marked expired, so both clients fetch a new token (JWT forces it only when expiring).
        client.credentials = { ...client.credentials, expiry_date: 1 };
        await client.getAccessToken();
        return current();
      } finally {
        renewing = undefined;
      }
    })();
    return renewing;
  };
  return { client, renew };
}

function oauthClient(
  credential: Extract<DriveCredential, { kind: "oauth" }>,
  urls: { tokenUrl: string; authUrl: string },
): OAuth2Client {
  const client = new OAuth2Client({
    clientId: credential.clientId,
    clientSecret: credential.clientSecret,
    endpoints: { oauth2TokenUrl: urls.tokenUrl, oauth2AuthBaseUrl: urls.authUrl },
  });
  // A stored grant without expiry_date would make every 401/403 a refresh: treat it as expired.
  client.setCredentials({ ...credential.tokens, expiry_date: credential.tokens.expiry_date || 1 });
  const onTokens = credential.onTokens;
  if (onTokens) {
    client.on("tokens", (tokens) => {
      // Google sends no refresh token on a refresh: keep the one the grant has.
      const refreshToken =
        tokens.refresh_token ?? client.credentials.refresh_token ?? credential.tokens.refresh_token;
      const merged: DriveTokens = {
        access_token: tokens.access_token ?? "",
        refresh_token: refreshToken,
        expiry_date: tokens.expiry_date ?? Date.now() + 3_600_000,
      };
      if (tokens.scope) merged.scope = tokens.scope;
      if (tokens.token_type) merged.token_type = tokens.token_type;
      onTokens(merged);
    });
  }
  return client;
}

function serviceAccountClient(
  credential: Extract<DriveCredential, { kind: "service-account" }>,
  urls: { tokenUrl: string },
): JWT {
  const jwt = new JWT({
    email: credential.key.client_email,
    key: credential.key.private_key,
    ...(credential.key.private_key_id ? { keyId: credential.key.private_key_id } : {}),
    scopes: [driveReadonlyScope],
    ...(credential.subject ? { subject: credential.subject } : {}),
  });
  if (urls.tokenUrl !== fixedGoogleTokenUrl) {
    jwt.transporter.interceptors.request.add({
      resolved: async (config) => {
        if (String(config.url) === fixedGoogleTokenUrl) config.url = new URL(urls.tokenUrl);
        return config;
      },
    });
  }
  return jwt;
}
