import type { Db } from "#shared/db/database.ts";
import { listSourceConnections } from "#shared/db/source-connection-repository.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { TrainingAlerts, TrainingFailedNotice } from "./training-alerts.ts";

export interface TellAdminsDependencies {
  db: Db;
  /** One per platform this deployment has (Slack, Discord); none = the log line alone. */
  alerts: readonly TrainingAlerts[];
  logger: Logger;
}

/**
 * runTraining's `onFailed`: a log line always (run id and reason, never the log tail), then a DM
 * on every platform to the workspace's admins, found as source alerts find them: whoever connected
 * its sources there.
 */
export function tellAdminsTrainingFailed(
  dependencies: TellAdminsDependencies,
): (notice: TrainingFailedNotice) => Promise<void> {
  const logger = dependencies.logger.child({ component: "training-alerts" });
  return async (notice) => {
    logger.warn(
      { workspaceId: notice.workspaceId, run: notice.run, reason: notice.reason },
      "training failed",
    );
    let connectedBy: string[] = [];
    try {
      connectedBy = (await listSourceConnections(dependencies.db, notice.workspaceId))
        .map((connection) => connection.connectedBy)
        .filter((by): by is string => by !== null);
    } catch (error) {
      logger.warn({ err: errorMessage(error) }, "could not read who connected the workspace's sources");
    }
    let told = 0;
    for (const alerts of dependencies.alerts) told += await alerts.trainingFailed(notice, connectedBy);
    if (told === 0)
      logger.warn(
        { workspaceId: notice.workspaceId, run: notice.run },
        "a training run failed, and no admin could be told in Slack or Discord",
      );
  };
}
