export interface DriveCall {
  /** Google's method name: "files.list", "files.get", "files.download" (alt=media), "files.export",
   *  "permissions.list", "drives.list", "changes.getStartPageToken", "changes.list", "about.get",
   *  "oauth.token", "oauth.authorize", "directory.groups.list"; "unknown" when none matched. */
  route: string;
  method: string;
  /** e.g. "/drive/v3/files/1F00001StandInXq7/export". */
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Whom the Bearer token acts for (the account or a service account's subject); undefined if none. */
  principal: string | undefined;
  /** What the stand-in answered (403, 429… included; 0 for a dropped connection). */
  status: number;
  /** Google's `error.errors[0].reason` (or the OAuth `error`) when it failed. */
  reason: string | undefined;
  /** When it arrived (ms since the epoch). */
  at: number;
}
