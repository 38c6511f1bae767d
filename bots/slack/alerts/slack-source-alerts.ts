import type { WebClient } from "@slack/web-api";
import type { SourceAlerts } from "#connectors/sources/source-alerts.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { dmConnectorsOrAdmins } from "./dm-connectors-or-admins.ts";
import { needsReauthMessage } from "./source-alert-message.ts";

export interface SlackSourceAlertsOptions {
  /**
   * The Slack client (bot token) of the installation answering for a Sabio workspace, or undefined
   * when Slack is not installed for it. May throw, e.g. for an installation that was removed: logged.
   */
  clientFor(workspaceId: string): Promise<WebClient | undefined>;
  logger: Logger;
  /**
   * The same connection is alerted again only after this long (default 24 h): a schedule that keeps
   * trying a dead credential every few minutes must not DM every time.
   */
  repeatAfterMs?: number;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

const day = 24 * 60 * 60 * 1000;

/**
 * Tells admins in Slack that a source connection stopped: a DM from Sabio (its App Home's Messages
 * tab) to whoever connected it (`connectedBy` "slack:<user id>"), or — when it was connected
 * otherwise (NOTION_TOKEN, the CLI) or that DM fails — to the Slack workspace's admins and owners.
 * Never throws: every failure is logged and the sync goes on.
 */
export function createSlackSourceAlerts(options: SlackSourceAlertsOptions): SourceAlerts {
  const logger = options.logger.child({ component: "slack-source-alerts" });
  const repeatAfterMs = options.repeatAfterMs ?? day;
  const now = options.now ?? Date.now;
  /** When each connection was last alerted (this process). */
  const alerted = new Map<string, number>();

  return {
    async needsReauth(connection, message) {
      const last = alerted.get(connection.id);
      if (last !== undefined && now() - last < repeatAfterMs) return;
      try {
        const client = await options.clientFor(connection.workspaceId);
        if (!client) {
          logger.info(
            { connectionId: connection.id, workspaceId: connection.workspaceId },
            "a source needs re-auth, and Slack is not installed for its workspace: nobody alerted in Slack",
          );
          return;
        }
        const sent = await dmConnectorsOrAdmins(
          client,
          [connection.connectedBy],
          needsReauthMessage(connection, message),
          {
            logger,
            fields: { connectionId: connection.id },
            message: "could not DM an admin that a source needs re-auth",
          },
        );
        if (sent > 0) alerted.set(connection.id, now());
        else
          logger.warn(
            { connectionId: connection.id },
            "a source needs re-auth, and no admin could be told in Slack",
          );
      } catch (error) {
        logger.warn(
          { err: errorMessage(error), connectionId: connection.id },
          "could not alert Slack admins that a source needs re-auth",
        );
      }
    },
  };
}
