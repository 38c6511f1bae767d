import { drive, type drive_v3 } from "@googleapis/drive";
import { OAuth2Client } from "google-auth-library";
import type { DriveStandIn } from "./drive-server.ts";

export const redirectUri = "http://127.0.0.1:1/oauth/google/callback";

/** An OAuth2Client whose consent, code exchange and refresh all go to the stand-in. */
export function standInOAuthClient(standIn: DriveStandIn): OAuth2Client {
  return new OAuth2Client({
    clientId: standIn.client.clientId,
    clientSecret: standIn.client.clientSecret,
    redirectUri,
    endpoints: { oauth2TokenUrl: standIn.tokenUrl, oauth2AuthBaseUrl: standIn.authUrl },
  });
}

/**
 * The real Drive client, connected as an admin would be: a consent code exchanged for tokens (kept
 * with their `expiry_date`), retries off so each fault is seen as the stand-in sent it.
 */
export async function connectedDrive(
  standIn: DriveStandIn,
): Promise<{ api: drive_v3.Drive; auth: OAuth2Client }> {
  const auth = standInOAuthClient(standIn);
  const { tokens } = await auth.getToken(standIn.authorizationCode(redirectUri));
  auth.setCredentials(tokens);
  return { api: drive({ version: "v3", rootUrl: standIn.rootUrl, auth, retry: false }), auth };
}
