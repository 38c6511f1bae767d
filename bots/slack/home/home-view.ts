import type { Button, ContextBlock, HomeView, KnownBlock, SectionBlock } from "@slack/types";
import type { ApprovalListing } from "#shared/approvals/approval-states.ts";
import type { PendingApproval } from "#shared/db/pending-approvals.ts";
import type { WorkspaceStats } from "#shared/db/workspace-stats.ts";
import { answerActionIds } from "../format/answer-action-ids.ts";
import { escapeMrkdwn } from "../format/escape-mrkdwn.ts";
import { platformUserLabel } from "../format/platform-user-label.ts";
import { connectionLines, type HomeConnection, reauthNotice } from "./connection-lines.ts";
import { dropApprovalActionId } from "./drop-approval-action-id.ts";
import { knowledgeLines } from "./knowledge-lines.ts";
import { slackDate } from "./slack-date.ts";
import { truncateText } from "./truncate-text.ts";

export interface HomeFacts {
  stats: WorkspaceStats;
  /** Answers waiting for a seal; undefined when the viewer is not an approver (no section at all). */
  pending: readonly PendingApproval[] | undefined;
  /** Approvals whose cited documents changed since; shown to approvers above the pending ones. */
  stale?: readonly ApprovalListing[];
  /** One line at the top, e.g. why a click did nothing. */
  notice?: string;
  /** The workspace's source connections (Notion…), each with its state; none: no section. */
  connections?: readonly HomeConnection[];
}

// Notices for connections that need re-auth, at most; the list below names every one.
const maxReauthNotices = 3;

// Slack refuses a Home view of more than 100 blocks.
const maxBlocks = 100;

/** The App Home: what Sabio knows, how much it is asked, and for approvers what waits for them. */
export function homeView(facts: HomeFacts): HomeView {
  const blocks: KnownBlock[] = [];
  const connections = facts.connections ?? [];
  if (facts.notice) blocks.push(context(`:information_source: ${escapeMrkdwn(facts.notice)}`));
  for (const connection of connections
    .filter((item) => item.view.state === "needs re-auth")
    .slice(0, maxReauthNotices)) {
    blocks.push(section(reauthNotice(connection)));
  }
  blocks.push(
    { type: "header", text: { type: "plain_text", text: "Sabio" } },
    section(
      "Ask me about your team's documents: mention *@Sabio* with a question in a channel, or send me a direct message. Every answer cites its sources.",
    ),
    { type: "divider" },
    section(`*What I know*\n${knowledgeLines(facts.stats.sources)}`),
  );
  if (connections.length > 0) blocks.push(section(`*Connected sources*\n${connectionLines(connections)}`));
  blocks.push(context(`${count(facts.stats.questionsSince, "question")} asked in the last 7 days`));
  if (facts.pending && facts.stale && facts.stale.length > 0) blocks.push(...staleBlocks(facts.stale));
  if (facts.pending) blocks.push(...pendingBlocks(facts.pending));
  return { type: "home", blocks: blocks.slice(0, maxBlocks) };
}

function pendingBlocks(pending: readonly PendingApproval[]): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: "divider" },
    section(
      pending.length === 0
        ? "*Waiting for approval*\nNothing to review: every generated answer has been approved."
        : `*Waiting for approval* (newest first)\nApproved answers become examples for fine-tuning.`,
    ),
  ];
  for (const item of pending) {
    blocks.push(
      section(
        `*${escapeMrkdwn(truncateText(item.question, 200))}*\n${escapeMrkdwn(truncateText(item.answer, 600))}`,
      ),
      {
        type: "actions",
        elements: [
          reviewButton(answerActionIds.approve, "✅ Approve", item.questionId, "primary"),
          reviewButton(answerActionIds.correct, "✏️ Correct & approve", item.questionId),
        ],
      },
      context(`Answered ${slackDate(item.createdAt)}`),
    );
  }
  return blocks;
}

/**
 * A stale approval is no longer served from the answer bank nor trained on: the approver sees what
 * changed and re-approves it (Approve pins it to the documents as they are now), corrects it, or
 * drops it (it goes back to waiting for approval).
 */
function staleBlocks(stale: readonly ApprovalListing[]): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: "divider" },
    section(
      "*Approvals gone stale*\nA document these approved answers cite changed or was removed: they are not reused or trained on until someone re-approves them.",
    ),
  ];
  for (const item of stale) {
    const changes = item.changed
      .map(
        (change) =>
          `*${escapeMrkdwn(truncateText(change.title, 100))}* ${change.change === "removed" ? "was removed" : "changed"}`,
      )
      .join(", ");
    blocks.push(
      section(`*${escapeMrkdwn(truncateText(item.question, 200))}*\n:warning: ${changes}`),
      {
        type: "actions",
        elements: [
          reviewButton(answerActionIds.approve, "✅ Re-approve", item.questionId, "primary"),
          reviewButton(answerActionIds.correct, "✏️ Correct & approve", item.questionId),
          reviewButton(dropApprovalActionId, "Drop", item.questionId, "danger"),
        ],
      },
      context(item.approvedBy ? `Approved by ${platformUserLabel(item.approvedBy)}` : "Approved"),
    );
  }
  return blocks;
}

/** A button on a listed answer, carrying its question id; the handler checks who may click. */
function reviewButton(
  actionId: string,
  text: string,
  questionId: string,
  style?: "primary" | "danger",
): Button {
  return {
    type: "button",
    action_id: actionId,
    ...(style ? { style } : {}),
    text: { type: "plain_text", text },
    value: questionId,
  };
}

function section(text: string): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text: truncateText(text, 3_000) } };
}

function context(text: string): ContextBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text: truncateText(text, 3_000) }] };
}

function count(value: number, noun: string): string {
  return `${value} ${value === 1 ? noun : `${noun}s`}`;
}
