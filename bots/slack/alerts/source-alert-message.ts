import { needsReauthWording } from "#connectors/sources/needs-reauth-wording.ts";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import { shortenText } from "#shared/text/shorten-text.ts";
import { escapeMrkdwn } from "../format/escape-mrkdwn.ts";
import { reconnectInstructions } from "./reconnect-instructions.ts";
import { type SlackAlertMessage, slackAlertMessage } from "./slack-alert-message.ts";

/** The DM telling an admin that a connection stopped syncing until it is reconnected. */
export function needsReauthMessage(connection: SourceConnectionRow, message: string): SlackAlertMessage {
  const label = escapeMrkdwn(connection.label ?? connection.id);
  const workspace = escapeMrkdwn(connection.workspaceId);
  return slackAlertMessage(
    needsReauthWording.headline(label),
    escapeMrkdwn(shortenText(message.trim(), 1_500)),
    `${needsReauthWording.stays(workspace, connection.kind)}\n*To fix:* ${reconnectInstructions(connection)}`,
  );
}
