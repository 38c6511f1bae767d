import type { AppError } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { oneAtATime } from "./one-at-a-time.ts";

/** What one provider's token endpoint answered a refresh grant with. */
export type TokenRefreshAnswer<Credentials> =
  | { ok: true; credentials: Credentials }
  /** `invalidGrant`: the refresh token was refused (revoked, or no longer the newest). */
  | { ok: false; invalidGrant: boolean; error: AppError; log: Record<string, unknown> };

/** How one provider's OAuth tokens are stored, read and refreshed; the refresher adds the concurrency. */
export interface TokenProvider<Credentials> {
  /** How logs name it ("Notion", "Google Drive"). */
  name: string;
  /** The connection's stored credentials, opened; throws invalid_config when there are none. */
  read(connectionId: string): Promise<Credentials>;
  /** Seals and stores them in one write (a refresh may rotate both tokens). */
  save(connectionId: string, credentials: Credentials): Promise<void>;
  accessToken(credentials: Credentials): string;
  refreshToken(credentials: Credentials): string | null;
  /** Milliseconds since the epoch; null: does not expire. */
  expiresAt(credentials: Credentials): number | null;
  /** One refresh grant. Throws an AppError for what no retry fixes (no refresh token, no client). */
  refresh(connectionId: string, current: Credentials): Promise<TokenRefreshAnswer<Credentials>>;
}

export interface TokenRefresher<Credentials> {
  /**
   * The connection's current credentials, refreshed when (nearly) expired or when `rejectedToken`
   * (the access token the API just refused) is still the stored one.
   */
  current(connectionId: string, rejectedToken?: string): Promise<Credentials>;
  /**
   * Stores credentials a client refreshed by itself (google-auth-library's `tokens` event) from
   * `basedOn`: in turn with this process's other refreshes, and only while the row still holds
   * `basedOn`'s refresh token, so a reconnect made meanwhile is never overwritten with the old grant.
   * Returns whether they were stored.
   */
  store(connectionId: string, basedOn: Credentials, next: Credentials): Promise<boolean>;
}

/** Refresh this long before the stated expiry, so a sync never starts on a token about to lapse. */
export const refreshMarginMs = 5 * 60_000;

/**
 * Atomic refreshes for one provider. Calls for one connection run one at a time in this process
 * and each re-reads the row first, so requests that all got a 401 cause one refresh and then reuse
 * its result. Across processes the sync lease keeps one sync per connection; should two processes
 * still refresh at once and the provider refuse the one holding the older refresh token
 * (`invalid_grant`), that one finds the newer tokens in the row and uses them instead of declaring
 * the connection dead. A refusal with the stored refresh token unchanged is the provider's error
 * (needs re-auth); the row is left as it was.
 */
export function createTokenRefresher<Credentials>(
  provider: TokenProvider<Credentials>,
  options: { logger: Logger; now?: () => number },
): TokenRefresher<Credentials> {
  const now = options.now ?? Date.now;
  const { logger } = options;
  const inTurn = oneAtATime();

  function nearExpiry(credentials: Credentials): boolean {
    const expiresAt = provider.expiresAt(credentials);
    return expiresAt !== null && expiresAt - now() < refreshMarginMs;
  }

  async function refresh(connectionId: string, current: Credentials): Promise<Credentials> {
    const answer = await provider.refresh(connectionId, current);
    if (answer.ok) {
      await provider.save(connectionId, answer.credentials);
      logger.info({ connectionId }, `refreshed the ${provider.name} connection's tokens`);
      return answer.credentials;
    }
    if (answer.invalidGrant) {
      // Another process may have rotated the tokens (or an admin reconnected) since we read them.
      const latest = await provider.read(connectionId);
      if (provider.refreshToken(latest) !== provider.refreshToken(current)) {
        logger.info({ connectionId }, `${provider.name} tokens were refreshed elsewhere; using those`);
        return latest;
      }
    }
    logger.warn({ connectionId, ...answer.log }, `${provider.name} token refresh refused`);
    throw answer.error;
  }

  return {
    current: (connectionId, rejectedToken) =>
      inTurn(connectionId, async () => {
        const stored = await provider.read(connectionId);
        const rejected = rejectedToken !== undefined && provider.accessToken(stored) === rejectedToken;
        if (!rejected && !nearExpiry(stored)) return stored;
        return refresh(connectionId, stored);
      }),
    store: (connectionId, basedOn, next) =>
      inTurn(connectionId, async () => {
        const stored = await provider.read(connectionId);
        if (provider.refreshToken(stored) !== provider.refreshToken(basedOn)) {
          logger.info({ connectionId }, `${provider.name} grant replaced meanwhile; kept the stored one`);
          return false;
        }
        const storedExpiry = provider.expiresAt(stored) ?? 0;
        // A slower refresh finishing second must not replace a token that lasts longer.
        if ((provider.expiresAt(next) ?? Number.POSITIVE_INFINITY) < storedExpiry) return false;
        await provider.save(connectionId, next);
        return true;
      }),
  };
}
