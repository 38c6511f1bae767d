import { connectNotionText } from "./connect-notion-text.ts";
import {
  type ConnectLinkMaker,
  type ConnectSourceAsk,
  type ConnectSourceOptions,
  connectSourceReply,
} from "./connect-source-reply.ts";

/** A link that connects a Notion workspace to a Sabio workspace, made for one admin. */
export type NotionConnectLinkMaker = ConnectLinkMaker;
export type ConnectNotionOptions = ConnectSourceOptions;
export type ConnectNotionAsk = ConnectSourceAsk;

/** The ephemeral answer to `/sabio connect notion` (see connectSourceReply). */
export function connectNotionReply(
  options: ConnectNotionOptions | undefined,
  ask: ConnectNotionAsk,
): Promise<string> {
  return connectSourceReply(connectNotionText, options, ask);
}
