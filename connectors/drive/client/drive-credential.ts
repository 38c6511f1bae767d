/** What Google's token endpoint gave, as google-auth-library keeps it: `expiry_date` in ms since the epoch. */
export interface DriveTokens {
  access_token: string;
  refresh_token: string;
  /**
   * When the access token expires. Required: without it google-auth-library answers every 401 and
   * 403 — rate limits included — with a refresh and an immediate retry.
   */
  expiry_date: number;
  scope?: string;
  token_type?: string;
}

/** An admin's OAuth grant (drive.readonly, offline). */
export interface DriveOAuthCredential {
  kind: "oauth";
  /** GOOGLE_CLIENT_ID / GOOGLE_CLIENT_SECRET. */
  clientId: string;
  clientSecret: string;
  tokens: DriveTokens;
  /**
   * Called with the whole credential (refresh token kept) each time the access token is refreshed,
   * so the caller seals and stores it. Not awaited: it must catch and log its own failures.
   */
  onTokens?: (tokens: DriveTokens) => void;
  /** The request budget's key (e.g. `drive:<connection id>`); default: derived from the grant. */
  budgetKey?: string;
}

/** The parts of a service account's JSON key the client uses. */
export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
}

/** A Workspace service account (GOOGLE_SERVICE_ACCOUNT_FILE), acting as `subject` with delegation. */
export interface DriveServiceAccountCredential {
  kind: "service-account";
  key: ServiceAccountKey;
  /** GOOGLE_DRIVE_SUBJECT: the user it acts as (domain-wide delegation); unset = itself. */
  subject?: string | undefined;
  budgetKey?: string;
}

export type DriveCredential = DriveOAuthCredential | DriveServiceAccountCredential;

/** The read-only scope Sabio asks for (restricted: public apps need Google's verification). */
export const driveReadonlyScope = "https://www.googleapis.com/auth/drive.readonly";

/** The budget key: one per grant or per service-account identity, the same across token refreshes. */
export function budgetKeyOf(credential: DriveCredential): string {
  if (credential.budgetKey) return credential.budgetKey;
  if (credential.kind === "oauth")
    return `drive:oauth:${credential.clientId}:${credential.tokens.refresh_token}`;
  return `drive:sa:${credential.key.client_email}:${credential.subject ?? ""}`;
}
