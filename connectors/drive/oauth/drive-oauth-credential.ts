import type { TokenRefresher } from "#connectors/oauth/token-refresher.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { DriveOAuthCredential } from "../client/drive-credential.ts";
import type { DriveCredentials } from "../drive-credentials.ts";

/**
 * The credential one OAuth Drive connection syncs with: its tokens as the refresher holds them
 * (fresh for at least five minutes), and `onTokens` storing the client's own refreshes through the
 * refresher's guard (in turn with this process's refreshes, never over a newer grant).
 */
export async function guardedDriveCredential(
  connectionId: string,
  refresher: TokenRefresher<DriveCredentials>,
  client: { clientId: string; clientSecret: string; logger: Logger },
): Promise<DriveOAuthCredential> {
  const tokens = await refresher.current(connectionId);
  return {
    kind: "oauth",
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    tokens,
    // Keyed by connection: the budget stays the same across refreshes.
    budgetKey: `drive:${connectionId}`,
    onTokens(refreshed) {
      refresher.store(connectionId, tokens, refreshed).then(
        (stored) =>
          client.logger.info(
            { connectionId, stored },
            "Google Drive client refreshed the connection's tokens",
          ),
        (error: unknown) =>
          client.logger.warn(
            { connectionId, err: errorMessage(error) },
            "could not store refreshed Drive tokens; the next sync refreshes again",
          ),
      );
    },
  };
}
