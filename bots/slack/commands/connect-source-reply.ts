import type { WebClient } from "@slack/web-api";
import type { SlackApprovers } from "../interact/approvers.ts";

/** A link that connects a vendor's account to a Sabio workspace, made for one admin. */
export type ConnectLinkMaker = (request: { workspaceId: string; connectedBy: string }) => {
  url: string;
  expiresAt: Date;
};

export interface ConnectSourceOptions {
  /** Who may connect sources: workspace admins and owners, plus SLACK_APPROVERS. */
  approvers: SlackApprovers;
  /** Undefined when this server has no OAuth client for the source configured. */
  linkFor: ConnectLinkMaker | undefined;
}

export interface ConnectSourceAsk {
  client: WebClient;
  teamId: string;
  userId: string;
  /** The team's Sabio workspace; undefined when the team feeds none. */
  workspaceId: string | undefined;
  now: Date;
}

/** One source's words (mrkdwn). */
export interface ConnectSourceTexts {
  noWorkspace: string;
  notConfigured: string;
  notAdmin: string;
  link(facts: { url: string; workspaceId: string; minutes: number }): string;
}

/**
 * The ephemeral answer to `/sabio connect <source>`: the link for an admin (bound to them and to
 * the team's Sabio workspace), a polite no for anyone else, and plain words when it cannot be done.
 */
export async function connectSourceReply(
  texts: ConnectSourceTexts,
  options: ConnectSourceOptions | undefined,
  ask: ConnectSourceAsk,
): Promise<string> {
  if (ask.workspaceId === undefined) return texts.noWorkspace;
  if (!options) return texts.notConfigured;
  if (
    !(await options.approvers.isApprover(
      { platform: "slack", userId: ask.userId },
      { client: ask.client, teamId: ask.teamId },
    ))
  )
    return texts.notAdmin;
  if (!options.linkFor) return texts.notConfigured;
  const link = options.linkFor({ workspaceId: ask.workspaceId, connectedBy: `slack:${ask.userId}` });
  const minutes = Math.max(1, Math.round((link.expiresAt.getTime() - ask.now.getTime()) / 60_000));
  return texts.link({ url: link.url, workspaceId: ask.workspaceId, minutes });
}
