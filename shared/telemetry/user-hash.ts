import { createHash } from "node:crypto";

/**
 * The user id observers see: a salted hash of (workspace, platform, user id), stable so one
 * person's questions group together, never the platform id itself.
 */
export function userHash(workspaceId: string, platform: string, userId: string): string {
  return createHash("sha256")
    .update(`sabio-user\n${workspaceId}\n${platform}\n${userId}`)
    .digest("hex")
    .slice(0, 24);
}
