import { drive, type drive_v3 } from "@googleapis/drive";
import { createDriveAuth } from "./drive-auth.ts";
import { budgetKeyOf, type DriveCredential } from "./drive-credential.ts";
import { reauthorizingFetch } from "./reauthorizing-fetch.ts";
import { type DriveRetryOptions, retryDriveRequests } from "./retry-drive-requests.ts";

export interface DriveClientSettings {
  /** GOOGLE_API_URL: the client's rootUrl (default Google's; a path in it is dropped by the library). */
  apiUrl: string;
  /** GOOGLE_TOKEN_URL: code exchange, refreshes and service-account grants. */
  tokenUrl: string;
  /** GOOGLE_OAUTH_URL: where consent happens (unused for reading, kept on the auth client). */
  authUrl: string;
  credential: DriveCredential;
  /** A fetch per credential key, e.g. `driveRequestBudget(limiter)`; default: no budget. */
  fetchFor?: (credentialKey: string) => typeof fetch;
  /** Retry policy (see retryDriveRequests); false: none, each failure as Drive sent it. */
  retry?: DriveRetryOptions | false;
}

/**
 * The official Drive v3 client for one credential, with Sabio's own policies in its fetch:
 * retries (rate limits with Retry-After, 5xx) around a refresh-once-on-401, around the request
 * budget. The library's retries are off (`retry: false`): they ignore Retry-After and never retry a
 * 403. Failures reach the caller as GaxiosError: map them with toDriveError.
 */
export function createDriveClient(settings: DriveClientSettings): drive_v3.Drive {
  const auth = createDriveAuth(settings.credential, {
    tokenUrl: settings.tokenUrl,
    authUrl: settings.authUrl,
  });
  const budgeted =
    settings.fetchFor?.(budgetKeyOf(settings.credential)) ?? ((input, init) => fetch(input, init));
  const reauthorizing = reauthorizingFetch(budgeted, auth.renew);
  const retry =
    settings.retry === false ? { rateLimitRetries: 0, failureRetries: 0 } : (settings.retry ?? {});
  const fetchImplementation = retryDriveRequests(reauthorizing, retry);
  return drive({
    version: "v3",
    rootUrl: settings.apiUrl,
    auth: auth.client,
    retry: false,
    fetchImplementation,
  });
}
