import type { SourceStats, WorkspaceStats } from "#shared/db/workspace-stats.ts";
import { discordTimestamp } from "./discord-timestamp.ts";
import { plainDiscordText } from "./plain-discord-text.ts";

export interface StatusFacts {
  workspaceId: string;
  stats: WorkspaceStats;
  /** Questions waiting to be answered; undefined when the queue could not be asked (Redis down). */
  queueDepth: number | undefined;
}

// A message holds 2,000 characters; a workspace with dozens of sources gets a tail.
const maxListed = 20;

/** The `/sabio status` message (Discord Markdown), with the same facts as Slack's. */
export function statusText(facts: StatusFacts): string {
  const documents = facts.stats.sources.reduce((sum, source) => sum + source.documents, 0);
  const waiting =
    facts.queueDepth === undefined
      ? "the question queue could not be reached"
      : `${facts.queueDepth} ${facts.queueDepth === 1 ? "question" : "questions"} waiting to be answered`;
  const asked = facts.stats.questionsSince;
  return [
    `**Sabio status** for workspace \`${plainDiscordText(facts.workspaceId)}\``,
    "",
    `**Knowledge** (${documents} ${documents === 1 ? "document" : "documents"})`,
    knowledgeLines(facts.stats.sources),
    "",
    `**Questions**: ${asked} asked in the last 7 days; ${waiting}.`,
  ].join("\n");
}

function knowledgeLines(sources: readonly SourceStats[]): string {
  if (sources.length === 0) {
    return "Nothing yet: no documents have been indexed for this workspace. An admin can add some with `sabio ingest`.";
  }
  const lines = sources.slice(0, maxListed).map((source) => {
    const count = `${source.documents} ${source.documents === 1 ? "document" : "documents"}`;
    const synced = source.lastIndexedAt ? `, last synced ${discordTimestamp(source.lastIndexedAt)}` : "";
    return `- **${plainDiscordText(source.source)}**: ${count}${synced}`;
  });
  if (sources.length > maxListed) lines.push(`…and ${sources.length - maxListed} more sources`);
  return lines.join("\n");
}
