import type { KnownBlock } from "@slack/types";
import { needsReauthWording } from "#connectors/sources/needs-reauth-wording.ts";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import { shortenText } from "#shared/text/shorten-text.ts";
import { escapeMrkdwn } from "../format/escape-mrkdwn.ts";
import { reconnectInstructions } from "./reconnect-instructions.ts";

export interface SlackAlertMessage {
  /** The notification and fallback text. */
  text: string;
  blocks: KnownBlock[];
}

/** The DM telling an admin that a connection stopped syncing until it is reconnected. */
export function needsReauthMessage(connection: SourceConnectionRow, message: string): SlackAlertMessage {
  const label = escapeMrkdwn(connection.label ?? connection.id);
  const workspace = escapeMrkdwn(connection.workspaceId);
  const headline = needsReauthWording.headline(label);
  return {
    text: headline,
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `:warning: *${headline}*\n${escapeMrkdwn(shortenText(message.trim(), 1_500))}`,
        },
      },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `${needsReauthWording.stays(workspace, connection.kind)}\n*To fix:* ${reconnectInstructions(connection)}`,
        },
      },
    ],
  };
}
