import type { WebClient } from "@slack/web-api";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { TrainingAlerts } from "#workers/train/schedule/training-alerts.ts";
import { trainingFailedMessage } from "./training-failed-message.ts";
import { workspaceAdmins } from "./workspace-admins.ts";

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
        const { text, blocks } = trainingFailedMessage(notice);
        const deliver = async (userIds: readonly string[]) => {
          let sent = 0;
          for (const userId of userIds) {
            try {
              await client.chat.postMessage({ channel: userId, text, blocks, unfurl_links: false });
              sent += 1;
            } catch (error) {
              logger.warn(
                { err: errorMessage(error), run: notice.run, userId },
                "could not DM an admin that training failed",
              );
            }
          }
          return sent;
        };
        const connectors = [...new Set(connectedBy.flatMap((by) => slackUserOf(by) ?? []))];
        const sent = await deliver(connectors);
        return sent > 0 ? sent : await deliver(await workspaceAdmins(client));
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

function slackUserOf(connectedBy: string): string | undefined {
  return /^slack:([UW][A-Z0-9]+)$/.exec(connectedBy)?.[1];
}
