import { shortenText } from "#shared/text/shorten-text.ts";
import { redactReason } from "./redact-reason.ts";
import type { TrainingFailedNotice } from "./training-alerts.ts";

/** Room for the reason in a DM; the full log stays with the run. */
const maxReasonChars = 600;

/** The words of a training-failed alert, shared by Slack and Discord (each adds its own markup). */
export const trainingFailedWording = {
  headline: (workspace: string) => `The nightly fine-tune of workspace ${workspace} failed`,
  reason: (notice: TrainingFailedNotice) => shortenText(redactReason(notice.reason.trim()), maxReasonChars),
  unchanged: "The current model is unchanged: answers go on as before.",
  /** Where to look next: the run's recorded log tail, and a dry run that checks data and config. */
  hint: (notice: TrainingFailedNotice) =>
    `Run ${notice.run} keeps the trainer's last lines (training_runs.log_tail); \`sabio train --workspace ${notice.workspaceId} --dry-run\` checks the dataset and config, and \`sabio model --workspace ${notice.workspaceId} list\` shows every run's model.`,
};
