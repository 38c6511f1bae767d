import type { TrainingFailedNotice } from "#workers/train/schedule/training-alerts.ts";
import { trainingFailedWording } from "#workers/train/schedule/training-failed-wording.ts";
import { escapeMrkdwn } from "../format/escape-mrkdwn.ts";
import type { SlackAlertMessage } from "./source-alert-message.ts";

/** The DM telling a Slack admin that the workspace's nightly fine-tune failed. */
export function trainingFailedMessage(notice: TrainingFailedNotice): SlackAlertMessage {
  const headline = trainingFailedWording.headline(escapeMrkdwn(notice.workspaceId));
  return {
    text: headline,
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `:warning: *${headline}*\n${escapeMrkdwn(trainingFailedWording.reason(notice))}`,
        },
      },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `${trainingFailedWording.unchanged}\n${escapeMrkdwn(trainingFailedWording.hint(notice))}`,
        },
      },
    ],
  };
}
