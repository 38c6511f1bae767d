import {
  groupAccessText,
  type SourceConnectionView,
} from "#connectors/sources/describe-source-connection.ts";
import { escapeMrkdwn } from "../format/escape-mrkdwn.ts";
import { slackDate } from "./slack-date.ts";
import { truncateText } from "./truncate-text.ts";

/** A connection as the App Home shows it: its state in plain words, and how to fix it when stopped. */
export interface HomeConnection {
  view: SourceConnectionView;
  /** What an admin does when it needs re-auth (mrkdwn, Sabio's own words). */
  reconnect: string;
}

// Past this many, a tail line: a section holds at most 3,000 characters.
const maxListed = 10;

/** "Connected sources" as mrkdwn lines: one per connection, with its state in plain words. */
export function connectionLines(connections: readonly HomeConnection[]): string {
  const lines = connections.slice(0, maxListed).map(({ view }) => {
    // Labels come from Notion (a workspace's name): keep them from forming links or mentions.
    const name = `*${escapeMrkdwn(truncateText(view.label, 80))}*`;
    const documents = `${view.documentCount} ${view.documentCount === 1 ? "document" : "documents"}`;
    const line = `• ${name}: ${stateWords(view)} · ${documents}`;
    // Drive only: whether a file shared with a group reaches its members, in `sabio sources`' words.
    return view.groupAccess ? `${line}\n      Groups: ${groupAccessText[view.groupAccess]}` : line;
  });
  if (connections.length > maxListed) lines.push(`…and ${connections.length - maxListed} more connections`);
  return lines.join("\n");
}

/** The notice at the top of the Home for a connection that stopped until an admin reconnects it. */
export function reauthNotice({ view, reconnect }: HomeConnection): string {
  const reason = view.lastError ? ` ${escapeMrkdwn(truncateText(view.lastError, 600))}` : "";
  return [
    `:warning: *${escapeMrkdwn(truncateText(view.label, 80))} needs to be reconnected.*${reason}`,
    "What was already indexed still answers questions; new and changed pages wait until it is reconnected.",
    `*To fix:* ${reconnect}`,
  ].join("\n");
}

function stateWords(view: SourceConnectionView): string {
  const error = view.lastError ? `: ${escapeMrkdwn(truncateText(view.lastError, 300))}` : "";
  switch (view.state) {
    case "syncing":
      return "syncing now";
    case "needs re-auth":
      return ":warning: needs re-auth (see above)";
    case "error":
      return `:x: the last sync failed${error}`;
    case "ok":
      return view.lastSyncAt === null
        ? "ok, not synced yet"
        : `ok, last synced ${slackDate(new Date(view.lastSyncAt))}`;
  }
}
