import type { WebClient } from "@slack/web-api";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { TrainingAlerts } from "#workers/train/schedule/training-alerts.ts";
import { dmConnectorsOrAdmins } from "./dm-connectors-or-admins.ts";
import { trainingFailedMessage } from "./training-failed-message.ts";

export interface SlackTrainingAlertsOptions {
  /** As for source alerts: the installation answering for a Sabio workspace, or undefined. */
  clientFor(workspaceId: string): Promise<WebClient | undefined>;
  logger: Logger;
}

/**
 * DMs the Slack people who connected the workspace's sources, or — when none did from Slack or
 * those DMs fail — the Slack workspace's admins and owners, as source alerts do. Never throws.
 */
export function createSlackTrainingAlerts(options: SlackTrainingAlertsOptions): TrainingAlerts {
  const logger = options.logger.child({ component: "slack-training-alerts" });
  return {
    async trainingFailed(notice, connectedBy) {
      try {
        const client = await options.clientFor(notice.workspaceId);
        if (!client) return 0;
        return await dmConnectorsOrAdmins(client, connectedBy, trainingFailedMessage(notice), {
          logger,
          fields: { run: notice.run },
          message: "could not DM an admin that training failed",
        });
      } catch (error) {
        logger.warn(
          { err: errorMessage(error), run: notice.run },
          "could not alert Slack admins that training failed",
        );
        return 0;
      }
    },
  };
}
