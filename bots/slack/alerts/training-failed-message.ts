import type { TrainingFailedNotice } from "#workers/train/schedule/training-alerts.ts";
import { trainingFailedWording } from "#workers/train/schedule/training-failed-wording.ts";
import { escapeMrkdwn } from "../format/escape-mrkdwn.ts";
import { type SlackAlertMessage, slackAlertMessage } from "./slack-alert-message.ts";

/** The DM telling a Slack admin that the workspace's nightly fine-tune failed. */
export function trainingFailedMessage(notice: TrainingFailedNotice): SlackAlertMessage {
  return slackAlertMessage(
    trainingFailedWording.headline(escapeMrkdwn(notice.workspaceId)),
    escapeMrkdwn(trainingFailedWording.reason(notice)),
    `${trainingFailedWording.unchanged}\n${escapeMrkdwn(trainingFailedWording.hint(notice))}`,
  );
}
