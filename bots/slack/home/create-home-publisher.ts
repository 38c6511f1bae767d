import type { WebClient } from "@slack/web-api";
import {
  describeSourceConnection,
  type GroupAccess,
} from "#connectors/sources/describe-source-connection.ts";
import { listApprovals } from "#shared/approvals/approval-states.ts";
import type { Db } from "#shared/db/database.ts";
import { pendingApprovals } from "#shared/db/pending-approvals.ts";
import { listSourceConnections } from "#shared/db/source-connection-repository.ts";
import { workspaceStats } from "#shared/db/workspace-stats.ts";
import type { Logger } from "#shared/log/logger.ts";
import { reconnectInstructions } from "../alerts/reconnect-instructions.ts";
import type { SlackApprovers } from "../interact/approvers.ts";
import type { HomeConnection } from "./connection-lines.ts";
import { homeView } from "./home-view.ts";

/** Builds and publishes one person's App Home. */
export type PublishHome = (request: {
  client: WebClient;
  teamId: string;
  userId: string;
  notice?: string;
}) => Promise<void>;

export interface HomePublisherOptions {
  database: Db;
  approvers: SlackApprovers;
  /** The Sabio workspace a Slack team feeds; undefined: not ours, no Home is published. */
  workspaceFor(teamId: string): string | undefined;
  logger: Logger;
  now?: () => Date;
  /** Pending answers shown to an approver (3 blocks each; the view holds at most 100). */
  pendingLimit?: number;
  /** Stale approvals shown to an approver, above the pending ones (3 blocks each). */
  staleLimit?: number;
  /** Whether Drive files shared with a group reach its members (from the env); shown per Drive connection. */
  groupAccess?: GroupAccess;
}

const week = 7 * 24 * 60 * 60 * 1000;

/**
 * One publisher shared by the `app_home_opened` listener and the answer actions: an approval made
 * on the Home is shown by publishing the Home again, since there is no message to update. Source
 * connections show their state to everyone, with a notice on top for one that needs re-auth.
 */
export function createHomePublisher(options: HomePublisherOptions): PublishHome {
  const now = options.now ?? (() => new Date());
  const limit = options.pendingLimit ?? 10;
  const staleLimit = options.staleLimit ?? 5;
  const logger = options.logger.child({ component: "slack-home" });

  return async ({ client, teamId, userId, notice }) => {
    const workspaceId = options.workspaceFor(teamId);
    if (workspaceId === undefined) {
      logger.info({ teamId }, "App Home opened in a team with no Sabio workspace; nothing published");
      return;
    }
    const [stats, connections, approver] = await Promise.all([
      workspaceStats(options.database, workspaceId, { since: new Date(now().getTime() - week) }),
      listSourceConnections(options.database, workspaceId).then((rows) =>
        rows.map(
          (row): HomeConnection => ({
            view: describeSourceConnection(
              row,
              now(),
              options.groupAccess ? { groupAccess: options.groupAccess } : {},
            ),
            reconnect: reconnectInstructions(row),
          }),
        ),
      ),
      options.approvers
        .isApprover({ platform: "slack", userId }, { client, teamId })
        .catch((error: unknown) => {
          // Without users.info the Home still shows what Sabio knows; only the approver section waits.
          logger.warn({ err: error, userId }, "could not check whether the viewer is an approver");
          return false;
        }),
    ]);
    const [pending, stale] = approver
      ? await Promise.all([
          pendingApprovals(options.database, workspaceId, limit),
          listApprovals(options.database, workspaceId, { state: "stale", limit: staleLimit }),
        ])
      : [undefined, undefined];
    const view = homeView({
      stats,
      pending,
      connections,
      ...(stale === undefined ? {} : { stale }),
      ...(notice === undefined ? {} : { notice }),
    });
    await client.views.publish({ user_id: userId, view });
  };
}
