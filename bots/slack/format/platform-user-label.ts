import type { PlatformUser } from "#shared/platform/platform.ts";
import { shortenText } from "#shared/text/shorten-text.ts";
import { escapeMrkdwn } from "./escape-mrkdwn.ts";
import { neutralizePings } from "./neutralize-pings.ts";

const slackUserId = /^[UW][A-Z0-9]{2,}$/;

/**
 * A person in Slack mrkdwn: a mention for a well-formed Slack user id (the one mention Sabio writes
 * itself), inert text for anything else, e.g. a Discord reviewer of a shared workspace.
 */
export function platformUserLabel(user: PlatformUser): string {
  if (user.platform === "slack" && slackUserId.test(user.userId)) return `<@${user.userId}>`;
  const label = user.platform === "slack" ? user.userId : `${user.userId} (${user.platform})`;
  return neutralizePings(escapeMrkdwn(shortenText(label, 80)));
}
