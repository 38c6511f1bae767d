import type { WebClient } from "@slack/web-api";
import type { SlackApprovers } from "../interact/approvers.ts";
import { connectNotionText } from "./connect-notion-text.ts";

/** A link that connects a Notion workspace to a Sabio workspace, made for one admin. */
export type NotionConnectLinkMaker = (request: { workspaceId: string; connectedBy: string }) => {
  url: string;
  expiresAt: Date;
};

export interface ConnectNotionOptions {
  /** Who may connect sources: workspace admins and owners, plus SLACK_APPROVERS. */
  approvers: SlackApprovers;
  /** Undefined when this server has no public Notion integration configured. */
  linkFor: NotionConnectLinkMaker | undefined;
}

export interface ConnectNotionAsk {
  client: WebClient;
  teamId: string;
  userId: string;
  /** The team's Sabio workspace; undefined when the team feeds none. */
  workspaceId: string | undefined;
  now: Date;
}

/**
 * The ephemeral answer to `/sabio connect notion`: the link for an admin (bound to them and to the
 * team's Sabio workspace), a polite no for anyone else, and plain words when it cannot be done.
 */
export async function connectNotionReply(
  options: ConnectNotionOptions | undefined,
  ask: ConnectNotionAsk,
): Promise<string> {
  if (ask.workspaceId === undefined) return connectNotionText.noWorkspace;
  if (!options) return connectNotionText.notConfigured;
  if (
    !(await options.approvers.isApprover(
      { platform: "slack", userId: ask.userId },
      { client: ask.client, teamId: ask.teamId },
    ))
  )
    return connectNotionText.notAdmin;
  if (!options.linkFor) return connectNotionText.notConfigured;
  const link = options.linkFor({ workspaceId: ask.workspaceId, connectedBy: `slack:${ask.userId}` });
  const minutes = Math.max(1, Math.round((link.expiresAt.getTime() - ask.now.getTime()) / 60_000));
  return connectNotionText.link({ url: link.url, workspaceId: ask.workspaceId, minutes });
}
