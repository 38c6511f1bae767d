import { reconnectInstructions as instructionsFor } from "#connectors/sources/reconnect-instructions.ts";
import type { SourceConnectionRow } from "#shared/db/schema.ts";

/** What an admin does in Slack to bring a connection that needs re-auth back (mrkdwn-safe). */
export function reconnectInstructions(connection: Pick<SourceConnectionRow, "credentials" | "kind">): string {
  return instructionsFor(connection, "slack");
}
