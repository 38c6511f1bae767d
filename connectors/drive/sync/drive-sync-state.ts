/** Where the next incremental Drive sync starts: the changes feed's page token (opaque, never expires). */
export interface DriveSyncState {
  pageToken: string;
}

/** The stored page token, or undefined when there is none yet (or the state is not Drive's). */
export function readDrivePageToken(syncState: unknown): string | undefined {
  if (typeof syncState !== "object" || syncState === null) return undefined;
  const token = (syncState as { pageToken?: unknown }).pageToken;
  return typeof token === "string" && token.length > 0 ? token : undefined;
}

export function driveSyncState(pageToken: string): DriveSyncState {
  return { pageToken };
}
