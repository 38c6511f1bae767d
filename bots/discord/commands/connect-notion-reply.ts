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

/** One source's words on Discord. */
export interface ConnectSourceTexts {
  notConfigured: string;
  notAdmin: string;
  link(facts: { url: string; workspaceId: string; minutes: number }): string;
}

/**
 * The ephemeral answer to `/sabio connect notion|drive`: a link bound to the admin and the Sabio
 * workspace, a polite no for anyone else, and how to set it up when this server can't.
 */
export function connectSourceReply(
  texts: ConnectSourceTexts,
  linkFor: NotionConnectLinkMaker | undefined,
  ask: ConnectNotionAsk,
): string {
  if (!ask.isAdmin) return texts.notAdmin;
  if (!linkFor) return texts.notConfigured;
  const link = linkFor({ workspaceId: ask.workspaceId, connectedBy: `discord:${ask.userId}` });
  const minutes = Math.max(1, Math.round((link.expiresAt.getTime() - ask.now.getTime()) / 60_000));
  return texts.link({ url: link.url, workspaceId: ask.workspaceId, minutes });
}

/** `/sabio connect notion` (see connectSourceReply). */
export function connectNotionReply(
  linkFor: NotionConnectLinkMaker | undefined,
  ask: ConnectNotionAsk,
): string {
  return connectSourceReply(connectNotionText, linkFor, ask);
}
