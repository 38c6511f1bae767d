import {
  type ApprovalListing,
  type ApprovalState,
  listApprovals,
} from "#shared/approvals/approval-states.ts";
import { type Output, printJson } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import type { Services } from "../services.ts";
import { approverLabel, describeChanges, oneLine } from "./approval-text.ts";
import { optionsOnlyWorkspace } from "./options-only-workspace.ts";

const headings: Record<ApprovalState, string> = {
  stale:
    "Stale: a cited document changed since the approval (re-approve with `sabio approve`, or drop it in Slack)",
  pending: "Waiting for approval",
  approved: "Approved",
};

/**
 * `sabio approvals --workspace W [--state pending|approved|stale] [--json]`: the workspace's
 * answers by approval state, stale ones first with what changed under them.
 */
export async function approvalsCommand(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<number> {
  const workspaceId = optionsOnlyWorkspace("approvals", commandLine);
  const { db } = await services.database();
  const approvals = await listApprovals(
    db,
    workspaceId,
    commandLine.state ? { state: commandLine.state } : {},
  );
  if (commandLine.json) {
    printJson(output, {
      approvals: approvals.map((item) => ({
        questionId: item.questionId,
        question: item.question,
        state: item.state,
        // Strings, as `ask --json` gives them: the approver's id (the --by name from the CLI) and platform.
        approvedBy: item.approvedBy?.userId ?? null,
        approvedByPlatform: item.approvedBy?.platform ?? null,
        changed: item.changed,
      })),
    });
    return 0;
  }
  if (approvals.length === 0) {
    output.out(
      commandLine.state
        ? `No ${commandLine.state} answers in workspace "${workspaceId}".`
        : `No answers to review in workspace "${workspaceId}" yet.`,
    );
    return 0;
  }
  const states: ApprovalState[] = ["stale", "pending", "approved"];
  const sections = states
    .map((state) => approvals.filter((item) => item.state === state))
    .filter((items) => items.length > 0)
    .map((items) => section(items));
  output.out(sections.join("\n\n"));
  return 0;
}

function section(items: readonly ApprovalListing[]): string {
  const [first] = items;
  const heading = `${first ? headings[first.state] : ""} (${items.length})`;
  return [heading, ...items.map(line)].join("\n");
}

function line(item: ApprovalListing): string {
  const by = item.approvedBy ? `  by ${approverLabel(item.approvedBy)}` : "";
  const head = `  ${item.questionId}  ${oneLine(item.question, 70)}${by}`;
  return item.changed.length > 0 ? `${head}\n      ${describeChanges(item.changed)}` : head;
}
