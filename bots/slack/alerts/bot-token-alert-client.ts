import { WebClient } from "@slack/web-api";
import { replyClientOptions } from "../reply/reply-client-options.ts";

/**
 * `clientFor` for a single-workspace Slack app (SLACK_BOT_TOKEN): the one installation answers for
 * SABIO_WORKSPACE and for no other workspace. Short, bounded retries, as for replies: a sync waits
 * for its alert.
 */
export function botTokenAlertClient(options: {
  botToken: string;
  slackApiUrl?: string;
  /** SABIO_WORKSPACE. */
  workspaceId: string;
}): (workspaceId: string) => Promise<WebClient | undefined> {
  let client: WebClient | undefined;
  return async (workspaceId) => {
    if (workspaceId !== options.workspaceId) return undefined;
    client ??= new WebClient(options.botToken, replyClientOptions(options.slackApiUrl));
    return client;
  };
}
