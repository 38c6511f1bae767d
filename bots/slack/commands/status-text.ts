import type { WorkspaceStats } from "#shared/db/workspace-stats.ts";
import { knowledgeLines } from "../home/knowledge-lines.ts";

export interface StatusFacts {
  workspaceId: string;
  stats: WorkspaceStats;
  /** Questions waiting to be answered; undefined when the queue could not be asked (Redis down). */
  queueDepth: number | undefined;
}

/** The `/sabio status` message (mrkdwn). */
export function statusText(facts: StatusFacts): string {
  const documents = facts.stats.sources.reduce((sum, source) => sum + source.documents, 0);
  const waiting =
    facts.queueDepth === undefined
      ? "the question queue could not be reached"
      : `${facts.queueDepth} ${facts.queueDepth === 1 ? "question" : "questions"} waiting to be answered`;
  const asked = facts.stats.questionsSince;
  return [
    `*Sabio status* for workspace \`${facts.workspaceId}\``,
    "",
    `*Knowledge* (${documents} ${documents === 1 ? "document" : "documents"})`,
    knowledgeLines(facts.stats.sources),
    "",
    `*Questions*: ${asked} asked in the last 7 days; ${waiting}.`,
  ].join("\n");
}
