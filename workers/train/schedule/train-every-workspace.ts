import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { TrainResult } from "../train-result.ts";

export interface TrainEveryWorkspaceDependencies {
  /** Every workspace id, in the order they are trained. */
  listWorkspaces(): Promise<string[]>;
  /** runTraining bound to its dependencies (admins are told of a failed run from there). */
  train(workspaceId: string): Promise<TrainResult>;
  logger: Logger;
}

export interface WorkspaceTraining {
  workspaceId: string;
  status: TrainResult["status"];
  reason: string | null;
  run: string | null;
}

/**
 * One night: every workspace in turn (one training at a time on a machine), each outcome logged —
 * skipped ones with why. A workspace whose run throws (the database went away mid-run) is logged
 * as failed and the next one still trains. Stops between workspaces once `signal` aborts.
 */
export async function trainEveryWorkspace(
  dependencies: TrainEveryWorkspaceDependencies,
  signal?: AbortSignal,
): Promise<WorkspaceTraining[]> {
  const { logger } = dependencies;
  const outcomes: WorkspaceTraining[] = [];
  for (const workspaceId of await dependencies.listWorkspaces()) {
    if (signal?.aborted) {
      logger.info({ workspaceId }, "nightly training stopped before this workspace (shutting down)");
      break;
    }
    const log = logger.child({ workspaceId });
    try {
      const result = await dependencies.train(workspaceId);
      const outcome = { workspaceId, status: result.status, reason: result.reason, run: result.run };
      outcomes.push(outcome);
      if (result.status === "skipped") log.info({ reason: result.reason }, "nightly training skipped");
      else if (result.status === "failed")
        log.error({ run: result.run, reason: result.reason }, "nightly training failed");
      else
        log.info(
          { run: result.run, status: result.status, candidate: result.candidate, scores: result.scores },
          `nightly training ${result.status}`,
        );
    } catch (error) {
      outcomes.push({ workspaceId, status: "failed", reason: errorMessage(error), run: null });
      log.error({ err: errorMessage(error) }, "nightly training could not run; trying the next workspace");
    }
  }
  return outcomes;
}
