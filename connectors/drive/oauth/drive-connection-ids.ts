/**
 * The Google account's key in ids and sources: its email (lower case), else Drive's permission id.
 * One connection per (account, Sabio workspace): reconnecting the same account updates it.
 */
export function googleAccountKey(account: {
  email: string | undefined;
  permissionId: string | undefined;
}): string | undefined {
  return account.email ?? account.permissionId;
}

/** An OAuth Drive connection's id. */
export function oauthDriveConnectionId(accountKey: string, workspaceId: string): string {
  return `drive-${accountKey}@${workspaceId}`;
}

/** The `source` its documents are indexed under, apart from every other connection's. */
export function oauthDriveSource(accountKey: string): string {
  return `drive:${accountKey}`;
}
