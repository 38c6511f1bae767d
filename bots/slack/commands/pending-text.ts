import type { ApprovalListing } from "#shared/approvals/approval-states.ts";
import type { PendingApproval } from "#shared/db/pending-approvals.ts";
import { escapeMrkdwn } from "../format/escape-mrkdwn.ts";
import { platformUserLabel } from "../format/platform-user-label.ts";
import { truncateText } from "../home/truncate-text.ts";

export const nothingPendingText =
  "Nothing waits for review: no answers waiting for approval, and no approvals gone stale. 🎉";

/**
 * The `/sabio pending` reply (mrkdwn, ephemeral): approvals gone stale with what changed, then the
 * answers waiting for approval. Text only: buttons on an ephemeral message could not be updated
 * after a click, so it points to the App Home, where each item has its buttons.
 */
export function pendingText(facts: {
  stale: readonly ApprovalListing[];
  pending: readonly PendingApproval[];
  /** Whether more of either wait than are listed. */
  more: { stale: boolean; pending: boolean };
}): string {
  if (facts.stale.length === 0 && facts.pending.length === 0) return nothingPendingText;
  const lines: string[] = [];
  if (facts.stale.length > 0) {
    lines.push(
      `*Approvals gone stale* (${count(facts.stale.length, facts.more.stale)}): a cited document changed or was removed`,
    );
    for (const item of facts.stale) {
      const changes = item.changed
        .map(
          (change) =>
            `${escapeMrkdwn(truncateText(change.title, 100))} ${change.change === "removed" ? "was removed" : "changed"}`,
        )
        .join(", ");
      const by = item.approvedBy ? ` (approved by ${platformUserLabel(item.approvedBy)})` : "";
      lines.push(`• *${escapeMrkdwn(truncateText(item.question, 150))}*: ${changes}${by}`);
    }
  }
  if (facts.pending.length > 0) {
    if (lines.length > 0) lines.push("");
    lines.push(`*Waiting for approval* (${count(facts.pending.length, facts.more.pending)}, newest first)`);
    for (const item of facts.pending) {
      const answer = escapeMrkdwn(truncateText(item.answer.replace(/\s+/g, " "), 160));
      lines.push(`• *${escapeMrkdwn(truncateText(item.question, 150))}*: ${answer}`);
    }
  }
  lines.push("", "Open Sabio's *Home* tab to re-approve, correct, approve or drop them.");
  return lines.join("\n");
}

function count(shown: number, more: boolean): string {
  return more ? `the newest ${shown}; more are waiting` : `${shown}`;
}
