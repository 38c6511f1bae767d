import type { NotionConnectLinkMaker } from "../interact/discord-interaction-deps.ts";
import { connectNotionText } from "./connect-notion-text.ts";

export type ConnectNotionAsk =
  | {
      /** Checked by the caller from the interaction (Manage Server, approver roles and ids). */
      isAdmin: true;
      userId: string;
      workspaceId: string;
      now: Date;
    }
  | { isAdmin: false };

/**
 * The ephemeral answer to `/sabio connect notion`: a link bound to the admin and the Sabio
 * workspace, a polite no for anyone else, and how to set it up when this server can't.
 */
export function connectNotionReply(
  linkFor: NotionConnectLinkMaker | undefined,
  ask: ConnectNotionAsk,
): string {
  if (!ask.isAdmin) return connectNotionText.notAdmin;
  if (!linkFor) return connectNotionText.notConfigured;
  const link = linkFor({ workspaceId: ask.workspaceId, connectedBy: `discord:${ask.userId}` });
  const minutes = Math.max(1, Math.round((link.expiresAt.getTime() - ask.now.getTime()) / 60_000));
  return connectNotionText.link({ url: link.url, workspaceId: ask.workspaceId, minutes });
}
