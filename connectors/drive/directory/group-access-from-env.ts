import type { GroupAccess } from "#connectors/sources/describe-source-connection.ts";
import type { Env } from "#shared/config/env.ts";

type GroupAccessEnv = Pick<Env, "DRIVE_ACCESS" | "GOOGLE_SERVICE_ACCOUNT_FILE" | "GOOGLE_DRIVE_SUBJECT">;

/**
 * Whether a Drive file shared with a group reaches its members, from the configuration alone:
 * `sabio sources` and the Slack App Home say it. Its own file so that asking loads no Google client.
 */
export function groupAccessFromEnv(env: GroupAccessEnv): GroupAccess {
  if (env.DRIVE_ACCESS === "workspace") return "workspace";
  // The directory answers a service account acting as an admin (domain-wide delegation) only.
  return env.GOOGLE_SERVICE_ACCOUNT_FILE && env.GOOGLE_DRIVE_SUBJECT ? "expanded" : "not-expanded";
}
