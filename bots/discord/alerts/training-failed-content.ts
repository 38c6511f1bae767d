import type { TrainingFailedNotice } from "#workers/train/schedule/training-alerts.ts";
import { trainingFailedWording } from "#workers/train/schedule/training-failed-wording.ts";
import { plainDiscordText } from "../commands/plain-discord-text.ts";

/** The DM (Discord Markdown) telling an admin that the workspace's nightly fine-tune failed. */
export function trainingFailedContent(notice: TrainingFailedNotice): string {
  return [
    `⚠️ **${plainDiscordText(trainingFailedWording.headline(notice.workspaceId))}**`,
    plainDiscordText(trainingFailedWording.reason(notice)),
    trainingFailedWording.unchanged,
    trainingFailedWording.hint(notice),
  ].join("\n");
}
