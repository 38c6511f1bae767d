import { listWorkspaceIds } from "#shared/db/workspace-repository.ts";
import { runTraining } from "#workers/train/run-training.ts";
import { startTrainSchedule } from "#workers/train/schedule/start-train-schedule.ts";
import { tellAdminsTrainingFailed } from "#workers/train/schedule/tell-admins-training-failed.ts";
import { trainingDeps } from "../commands/training-deps.ts";
import type { RoleContext, RunningRole } from "./role.ts";
import { trainingAlertsFromEnv } from "./training-alerts-from-env.ts";

/**
 * The nightly fine-tune: on TRAIN_CRON in TIMEZONE, every workspace in turn through runTraining
 * (skipped ones logged with why; a failed run tells the workspace's admins). On close, the night
 * stops after the workspace in hand.
 */
export async function startTrainRole(context: RoleContext): Promise<RunningRole> {
  const { services } = context;
  const { env, logger } = services;
  const database = await services.database();
  const onFailed = tellAdminsTrainingFailed({
    db: database.db,
    alerts: trainingAlertsFromEnv(services),
    logger,
  });
  // The same dependencies as `sabio train`, plus the admin alert.
  const training = trainingDeps(services, database, onFailed);
  const schedule = await startTrainSchedule({
    workerRedis: context.workerRedis(),
    producerRedis: context.producerRedis(),
    prefix: env.QUEUE_PREFIX,
    settings: { cron: env.TRAIN_CRON, timezone: env.TIMEZONE },
    listWorkspaces: () => listWorkspaceIds(database.db),
    train: (workspaceId) => runTraining(training, { workspaceId }),
    logger: logger.child({ role: "train" }),
  });
  return {
    name: "train",
    ready: () => schedule.ready(),
    close: () => schedule.close(),
    forceClose: () => schedule.forceClose(),
  };
}
