import { readFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { servedRecordSchema } from "#shared/answers/served-record.ts";
import { approvalStateOf } from "#shared/approvals/approval-states.ts";
import { AppError, ErrorCode, errorMessage } from "#shared/errors/app-error.ts";
import type { PlatformUser } from "#shared/platform/platform.ts";
import { type AnsweredQuestion, loadAnsweredQuestion } from "#shared/review/load-answered-question.ts";
import { createReviewService } from "#shared/review/review-service.ts";
import { shutdownWithin } from "#shared/telemetry/flush-within.ts";
import { telemetryFromEnv } from "#shared/telemetry/telemetry-from-env.ts";
import { parseWorkspaceId } from "#shared/workspace/workspace-id.ts";
import { answerBankOf } from "../answer-bank-of.ts";
import { type Output, printJson } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import type { Services } from "../services.ts";
import { UsageError } from "../usage-error.ts";
import { approverLabel, describeChanges, oneLine } from "./approval-text.ts";
import { dropApproval } from "./drop-approval.ts";
import { unknownQuestion } from "./unknown-question.ts";

/**
 * `sabio approve --workspace W --question ID [--by NAME] [--text-file F | --drop] [--json]`: approves
 * an answer as it is, or corrects it with the file's text and approves that; a stale approval is
 * re-approved, pinned to its documents as they are now; `--drop` deletes the approval instead. Whoever can run the CLI holds the database,
 * so every operator is an approver; `--by` names them (platform "cli").
 */
/** A Langfuse or PostHog that hangs delays the command this much at most. */
const telemetryShutdownMs = 5_000;

export async function approveCommand(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<number> {
  if (!commandLine.workspace) throw new UsageError("approve needs --workspace <id>.");
  const questionId = commandLine.question?.trim();
  if (!questionId) throw new UsageError("approve needs --question <id> (`sabio approvals` lists them).");
  if (commandLine.positionals.length > 0)
    throw new UsageError("approve takes no arguments besides its options.");
  const workspaceId = parseWorkspaceId(commandLine.workspace);
  if (commandLine.drop) {
    if (commandLine.textFile !== undefined)
      throw new UsageError("--drop deletes the approval: it takes no --text-file (leave out one of them).");
    // Nothing records who dropped an approval, so a name would be silently lost.
    if (commandLine.by !== undefined) throw new UsageError("--drop records no approver: leave out --by.");
    return dropApproval(services, { workspaceId, questionId, json: commandLine.json }, output);
  }
  const approver: PlatformUser = { platform: "cli", userId: approverName(commandLine.by) };
  const text = commandLine.textFile === undefined ? undefined : await readCorrection(commandLine.textFile);
  const { db } = await services.database();
  const loaded = await loadAnsweredQuestion(db, workspaceId, questionId);
  if (!loaded) throw await unknownQuestion(db, workspaceId, questionId);
  if (text === undefined) refuseUnreviewable(loaded);

  const before = await approvalStateOf(db, questionId);
  // Langfuse's `approved` score and PostHog's answer_approved, as from Slack or Discord.
  const telemetry = await telemetryFromEnv(services.env, services.logger);
  const review = createReviewService<undefined>({
    database: db,
    approvers: { isApprover: async () => true },
    events: await answerBankOf(services),
    logger: services.logger,
    telemetry,
  });
  const request = { workspaceId, questionId, reviewer: approver, context: undefined };
  const result = await (text === undefined
    ? review.approve(request)
    : review.correct({ ...request, text })
  ).finally(() => shutdownWithin(telemetry, telemetryShutdownMs));
  if (result.kind === "unavailable") throw await unknownQuestion(db, workspaceId, questionId);
  if (result.kind === "not-approver" || result.kind === "empty-correction") {
    throw new AppError(ErrorCode.Internal, `approve was refused (${result.kind})`);
  }
  const after = await approvalStateOf(db, questionId);
  const reapproved = before?.state === "stale" && result.kind === "done";
  const approvedBy = result.kind === "done" ? (result.state.approvedBy ?? approver) : result.by;
  const summary = {
    questionId,
    question: loaded.question.text,
    changed: result.kind === "done" && result.changed,
    reapproved,
    corrected: text !== undefined || loaded.approval?.correctedText != null,
    state: after?.state ?? "approved",
    approvedBy: approvedBy.userId,
    approvedByPlatform: approvedBy.platform,
    changedSinceAnswer: after?.changed ?? [],
  };
  if (commandLine.json) {
    printJson(output, summary);
    return 0;
  }
  const quoted = `"${oneLine(loaded.question.text, 80)}"`;
  if (!summary.changed)
    output.out(
      `The answer to ${quoted} was already approved by ${approverLabel(approvedBy)}; nothing changed.`,
    );
  else if (reapproved)
    output.out(
      `Re-approved the answer to ${quoted} as ${approverLabel(approvedBy)}, pinned to its documents as they are now.`,
    );
  else
    output.out(
      `${text === undefined ? "Approved" : "Corrected and approved"} the answer to ${quoted} as ${approverLabel(approvedBy)}.`,
    );
  if (summary.state === "stale") {
    output.note(
      `It is stale already: ${describeChanges(summary.changedSinceAnswer)} since the answer was given. Check it, then run approve again to re-approve it as it stands now.`,
    );
  }
  return 0;
}

/** `--by`, or who is logged in; "cli" when the OS can't say (a container without a passwd entry). */
function approverName(by: string | undefined): string {
  if (by !== undefined) {
    const name = by.trim();
    if (name === "") throw new UsageError("--by needs a name.");
    if (name.length > 100) throw new UsageError("--by takes a name of at most 100 characters.");
    return name;
  }
  try {
    return userInfo().username || "cli";
  } catch {
    return "cli";
  }
}

async function readCorrection(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new AppError(ErrorCode.InvalidInput, `Could not read --text-file ${path}: ${errorMessage(error)}`);
  }
  if (text.trim() === "") {
    throw new AppError(
      ErrorCode.InvalidInput,
      `--text-file ${path} is empty: write the corrected answer in it.`,
    );
  }
  return text;
}

/**
 * Quoted passages, "not covered" replies and reused approved answers are not a model's answer to
 * vouch for: as training examples they would teach quoting or refusing, and a not-covered reply
 * cites nothing, so its approval could never go stale. An approver's own text (--text-file) is fine.
 */
function refuseUnreviewable(loaded: AnsweredQuestion): void {
  const gate = servedRecordSchema.shape.gate.safeParse(
    (loaded.answer.served as { gate?: unknown } | null)?.gate,
  );
  const notCovered = gate.success && gate.data?.covered === false;
  const kind = notCovered
    ? "says the documents don't cover the question"
    : loaded.answer.mode === "extractive"
      ? "quotes passages (extractive, no model wrote it)"
      : loaded.answer.mode === "approved"
        ? "is an approved answer reused from the answer bank"
        : undefined;
  if (kind === undefined) return;
  throw new AppError(ErrorCode.InvalidInput, `This answer ${kind}: there is nothing to approve as it is.`, {
    hint: "write the right answer in a file and approve that with --text-file <file>",
  });
}
