import type { WebClient } from "@slack/web-api";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { SlackAlertMessage } from "./slack-alert-message.ts";
import { workspaceAdmins } from "./workspace-admins.ts";

/** How a DM that did not go through is logged: the alert's own fields and line. */
export interface DmFailureLog {
  logger: Logger;
  fields: Record<string, unknown>;
  message: string;
}

/** An alert DM; a plain-text one (the billing warning) has no blocks. */
export type TextOrBlocksMessage = Pick<SlackAlertMessage, "text"> & Partial<SlackAlertMessage>;

/**
 * DMs an alert to the Slack people among `connectedBy` ("slack:<user id>"), or, when none is one or
 * no DM to them went through, to the Slack workspace's admins and owners; returns how many got it.
 * A DM that fails is a warning and the others still go; listing the admins may throw.
 */
export async function dmConnectorsOrAdmins(
  client: WebClient,
  connectedBy: readonly (string | null)[],
  { text, blocks }: TextOrBlocksMessage,
  failure: DmFailureLog,
): Promise<number> {
  const deliver = async (userIds: readonly string[]) => {
    let sent = 0;
    for (const userId of userIds) {
      try {
        // A user id as the channel posts in the app's DM with that person.
        await client.chat.postMessage({ channel: userId, text, blocks, unfurl_links: false });
        sent += 1;
      } catch (error) {
        failure.logger.warn({ err: errorMessage(error), ...failure.fields, userId }, failure.message);
      }
    }
    return sent;
  };
  const connectors = [...new Set(connectedBy.flatMap((by) => slackUserOf(by) ?? []))];
  const sent = await deliver(connectors);
  return sent > 0 ? sent : await deliver(await workspaceAdmins(client));
}

/** "slack:U0123" → "U0123"; other connectors ("cli", null) name nobody in Slack. */
function slackUserOf(connectedBy: string | null): string | undefined {
  return /^slack:([UW][A-Z0-9]+)$/.exec(connectedBy ?? "")?.[1];
}
