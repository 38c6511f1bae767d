import type { SourceStats } from "#shared/db/workspace-stats.ts";
import { escapeMrkdwn } from "../format/escape-mrkdwn.ts";
import { slackDate } from "./slack-date.ts";

// A section's text holds at most 3,000 characters; a workspace with dozens of sources gets a tail.
const maxListed = 25;

/** "What Sabio knows" as mrkdwn lines, shared by the App Home and `/sabio status`. */
export function knowledgeLines(sources: readonly SourceStats[]): string {
  if (sources.length === 0) {
    return "Nothing yet: no documents have been indexed for this workspace. An admin can add some with `sabio ingest`.";
  }
  const lines = sources.slice(0, maxListed).map((source) => {
    const documents = `${source.documents} ${source.documents === 1 ? "document" : "documents"}`;
    const synced = source.lastIndexedAt ? `, last synced ${slackDate(source.lastIndexedAt)}` : "";
    // Source names come from configuration and connectors: keep them from forming links or mentions.
    return `• *${escapeMrkdwn(source.source)}*: ${documents}${synced}`;
  });
  if (sources.length > maxListed) lines.push(`…and ${sources.length - maxListed} more sources`);
  return lines.join("\n");
}
