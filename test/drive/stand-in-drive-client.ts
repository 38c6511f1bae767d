import type { drive_v3 } from "@googleapis/drive";
import { createDriveClient, type DriveClientSettings } from "#connectors/drive/client/create-drive-client.ts";
import type {
  DriveCredential,
  DriveOAuthCredential,
  DriveTokens,
} from "#connectors/drive/client/drive-credential.ts";
import type { DriveStandIn } from "#test/stand-ins/drive/drive-server.ts";
import { redirectUri, standInOAuthClient } from "#test/stand-ins/drive/stand-in-client.ts";

/** For tests: an admin's grant from the stand-in's consent, as the web role would have stored it. */
export async function standInGrant(
  standIn: DriveStandIn,
  extra: Partial<DriveOAuthCredential> = {},
): Promise<DriveOAuthCredential> {
  const { tokens } = await standInOAuthClient(standIn).getToken(standIn.authorizationCode(redirectUri));
  return {
    kind: "oauth",
    clientId: standIn.client.clientId,
    clientSecret: standIn.client.clientSecret,
    tokens: tokens as DriveTokens,
    ...extra,
  };
}

/** For tests: a Drive client for `credential` with every endpoint pointed at the stand-in. */
export function standInDriveClient(
  standIn: DriveStandIn,
  credential: DriveCredential,
  extra: Partial<Omit<DriveClientSettings, "credential">> = {},
): drive_v3.Drive {
  return createDriveClient({
    apiUrl: standIn.rootUrl,
    tokenUrl: standIn.tokenUrl,
    authUrl: standIn.authUrl,
    credential,
    ...extra,
  });
}
