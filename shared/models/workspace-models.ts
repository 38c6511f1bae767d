import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "#shared/db/database.ts";
import { type TrainingRunStatus, trainingRuns } from "#shared/db/schema.ts";
import { currentModel, modelHistory } from "./model-pointer.ts";

/**
 * A candidate model as `sabio model list` shows it:
 * - `current`: the model pointer names it now (it answers first);
 * - `retired`: it was promoted once (by its run or by hand) and has since been replaced or rolled back;
 * - otherwise its run's outcome: `rejected` (answered, scored too low), `failed` (imported, then
 *   failed the smoke test or evaluation) or `running`.
 */
export type ModelStatus = "current" | "retired" | Exclude<TrainingRunStatus, "promoted" | "skipped">;

export interface WorkspaceModel {
  name: string;
  status: ModelStatus;
  /** The training run that made it. */
  runId: string;
  createdAt: Date;
  scores: Record<string, unknown> | null;
  reason: string | null;
}

export interface WorkspaceModels {
  /** The promoted model, or null when the default CHAT_MODEL answers. */
  promoted: string | null;
  /** Every model a training run of the workspace imported into Ollama, newest first. */
  models: WorkspaceModel[];
}

/** The workspace's candidates (from training_runs) with where each stands against the pointer. */
export async function workspaceModels(db: Db, workspaceId: string): Promise<WorkspaceModels> {
  const [promoted, runs, history] = await Promise.all([
    currentModel(db, workspaceId),
    db
      .select()
      .from(trainingRuns)
      .where(and(eq(trainingRuns.workspaceId, workspaceId), isNotNull(trainingRuns.candidate)))
      .orderBy(desc(trainingRuns.startedAt), desc(trainingRuns.id)),
    modelHistory(db, workspaceId),
  ]);
  const everPromoted = new Set(history.filter((row) => row.action === "promote").map((row) => row.model));
  const models = runs.map((run): WorkspaceModel => {
    const name = run.candidate ?? "";
    return {
      name,
      status: statusOf(name, run.status, promoted, everPromoted),
      runId: run.id,
      createdAt: run.finishedAt ?? run.startedAt,
      scores: run.scores,
      reason: run.reason,
    };
  });
  return { promoted, models };
}

function statusOf(
  name: string,
  runStatus: TrainingRunStatus,
  promoted: string | null,
  everPromoted: ReadonlySet<string | null>,
): ModelStatus {
  if (name === promoted) return "current";
  if (runStatus === "promoted" || everPromoted.has(name)) return "retired";
  // A run that imported a candidate never ends skipped; treat a stray one as rejected (never served).
  return runStatus === "skipped" ? "rejected" : runStatus;
}
