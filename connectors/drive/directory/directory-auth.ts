import { JWT } from "google-auth-library";
import type { DriveServiceAccountCredential } from "../client/drive-credential.ts";

/** Reading groups needs only this scope; the service account's delegation must grant it too. */
export const directoryGroupScope = "https://www.googleapis.com/auth/admin.directory.group.readonly";

/** Where google-auth-library's JWT grant posts, whatever its `endpoints` say. */
const fixedGoogleTokenUrl = "https://oauth2.googleapis.com/token";

/** A service account acting as a Workspace admin (the Directory API answers admins only). */
export type DirectoryCredential = DriveServiceAccountCredential & { subject: string };

/**
 * The service account's JWT client for the Directory scope, its grant sent to `tokenUrl`
 * (GOOGLE_TOKEN_URL) through an interceptor, as the Drive client does: JWT ignores `endpoints`.
 * Its own client, not Drive's: a token carries one set of scopes, and Drive's must not widen.
 */
export function directoryAuth(credential: DirectoryCredential, tokenUrl: string): JWT {
  const jwt = new JWT({
    email: credential.key.client_email,
    key: credential.key.private_key,
    ...(credential.key.private_key_id ? { keyId: credential.key.private_key_id } : {}),
    scopes: [directoryGroupScope],
    subject: credential.subject,
  });
  if (tokenUrl !== fixedGoogleTokenUrl) {
    jwt.transporter.interceptors.request.add({
      resolved: async (config) => {
        if (String(config.url) === fixedGoogleTokenUrl) config.url = new URL(tokenUrl);
        return config;
      },
    });
  }
  return jwt;
}
