import { needsReauthWording } from "#connectors/sources/needs-reauth-wording.ts";
import { reconnectInstructions } from "#connectors/sources/reconnect-instructions.ts";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import { shortenText } from "#shared/text/shorten-text.ts";
import { plainDiscordText } from "../commands/plain-discord-text.ts";

/** Room for Notion's reason, well inside Discord's 2,000-character message limit. */
const maxReasonChars = 1_200;

/** The DM (Discord Markdown) telling an admin that a connection stopped until it is reconnected. */
export function needsReauthContent(connection: SourceConnectionRow, message: string): string {
  const label = plainDiscordText(connection.label ?? connection.id);
  // Inside backticks Markdown is inert; only a backtick could break out of the code span.
  const workspace = connection.workspaceId.replaceAll("`", "'");
  return [
    `⚠️ **${needsReauthWording.headline(label)}**`,
    plainDiscordText(shortenText(message.trim(), maxReasonChars)),
    needsReauthWording.stays(workspace, connection.kind),
    `**To fix:** ${reconnectInstructions(connection, "discord")}`,
  ].join("\n");
}
