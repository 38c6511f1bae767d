import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Db } from "#shared/db/database.ts";
import { ErrorCode, errorMessage, isAppError } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { ChatModel } from "#shared/model/chat-model.ts";
import { currentModel, promoteModel } from "#shared/models/model-pointer.ts";
import type { OllamaImportTarget } from "./import-into-ollama.ts";
import { judgeCandidate } from "./judge-candidate.ts";
import { countNewApprovals } from "./new-approvals.ts";
import type { ProgressEntry } from "./parse-progress.ts";
import { writeTrainerConfig } from "./run-trainer.ts";
import { trainCandidate } from "./train-candidate.ts";
import type { TrainResult } from "./train-result.ts";
import type { BuildTrainingDataset, TrainingDataset } from "./training-dataset.ts";
import { TrainingFailure } from "./training-failure.ts";
import { tryTrainingLock } from "./training-lock.ts";
import { startTrainingRun, type TrainingRunUpdate, updateTrainingRun } from "./training-runs.ts";
import type { TrainingSettings } from "./training-settings.ts";

/** A run that failed, for whoever tells the admins (the `train` role wires it). */
export interface FailedTraining {
  workspaceId: string;
  run: string;
  reason: string;
  logTail: string;
}

export interface TrainingDeps {
  db: Db;
  logger: Logger;
  settings: TrainingSettings;
  buildDataset: BuildTrainingDataset;
  /** The Ollama the candidate is imported into, for the smoke test and the evaluation. */
  chatModel: ChatModel;
  ollama: OllamaImportTarget;
  now(): Date;
  /** Called once per failed run; its errors are logged, never thrown. */
  onFailed?(failure: FailedTraining): Promise<void>;
}

/**
 * One training run for a workspace: gate on new approvals → dataset → trainer → fuse → import →
 * smoke test → held-out evaluation → promote or reject. Every run but a dry run is recorded in
 * training_runs, whatever its outcome; a failure never touches the current model.
 */
export async function runTraining(
  deps: TrainingDeps,
  input: { workspaceId: string; dryRun?: boolean },
): Promise<TrainResult> {
  const { workspaceId } = input;
  const current = (await currentModel(deps.db, workspaceId)) ?? deps.settings.defaultChatModel;
  const runId = newRunId(deps.now());
  const runDir = join(deps.settings.workDir, workspaceId, runId);
  if (input.dryRun) return dryRun(deps, { workspaceId, current, runDir });

  const base = emptyResult(runId, current);
  await startTrainingRun(deps.db, { id: runId, workspaceId, current, startedAt: deps.now() });
  const lock = await tryTrainingLock(deps.settings.lockPath);
  if (!lock)
    return finish(deps, {
      ...base,
      status: "skipped",
      reason: "another training is running on this machine",
    });
  try {
    return await trainLocked(deps, { workspaceId, runId, runDir, base });
  } finally {
    await lock.release();
  }
}

async function trainLocked(
  deps: TrainingDeps,
  run: { workspaceId: string; runId: string; runDir: string; base: TrainResult },
): Promise<TrainResult> {
  const { db, settings } = deps;
  let result = run.base;
  // The newest command output seen: what a failure after training (import, smoke test) shows.
  let lastLogTail = "";
  try {
    const gate = await gateReason(deps, run.workspaceId);
    if (gate) return await finish(deps, { ...result, status: "skipped", reason: gate });
    const dataset = await buildOrSkip(deps, run.workspaceId, run.runDir);
    if (typeof dataset === "string")
      return await finish(deps, { ...result, status: "skipped", reason: dataset });
    result = { ...result, examples: dataset.train };
    const config = await writeTrainerConfig(settings, { runDir: run.runDir, dataDir: dataset.dir });
    await updateTrainingRun(db, run.runId, {
      examples: dataset.train,
      approvalsUntil: dataset.approvalsUntil,
      manifest: dataset.manifest as Record<string, unknown>,
      config: config.yaml,
    });

    const candidate = `sabio-${run.workspaceId}:${run.runId}`;
    const progress = progressRecorder(db, run.runId);
    await trainCandidate(
      {
        chatModel: deps.chatModel,
        ollama: deps.ollama,
        now: deps.now,
        onProgress: progress.add,
        onTrained: async (trained) => {
          await progress.saved();
          lastLogTail = trained.logTail;
          result = {
            ...result,
            trainSeconds: trained.trainSeconds,
            tokensPerSecond: trained.tokensPerSecond,
          };
          await updateTrainingRun(db, run.runId, {
            trainSeconds: trained.trainSeconds,
            tokensPerSecond: trained.tokensPerSecond,
            peakMemoryGb: trained.peakMemoryGb,
            logTail: trained.logTail,
          });
        },
        onImporting: async (name) => {
          result = { ...result, candidate: name };
          await updateTrainingRun(db, run.runId, { candidate: name });
        },
      },
      settings,
      { runDir: run.runDir, configFile: config.file, adapterDir: config.adapterDir, candidate },
    );

    const judgement = await judgeCandidate(
      deps.chatModel,
      { candidate, current: result.current },
      dataset.dir,
      { margin: settings.promoteMargin, answerTimeoutMs: settings.answerTimeoutMs },
    );
    if (judgement.promote) await promoteModel(db, run.workspaceId, candidate);
    return await finish(
      deps,
      {
        ...result,
        status: judgement.promote ? "promoted" : "rejected",
        reason: judgement.reason,
        scores: { candidate: judgement.candidate.overall, current: judgement.current.overall },
      },
      {
        scores: {
          candidate: judgement.candidate,
          current: judgement.current,
          margin: settings.promoteMargin,
        },
      },
    );
  } catch (error) {
    const logTail = (error instanceof TrainingFailure ? error.logTail : "") || lastLogTail;
    const reason = errorMessage(error);
    const failed = await finish(deps, { ...result, status: "failed", reason }, logTail ? { logTail } : {});
    await tellAdmins(deps, { workspaceId: run.workspaceId, run: run.runId, reason, logTail });
    return failed;
  }
}

async function gateReason(deps: TrainingDeps, workspaceId: string): Promise<string | undefined> {
  const { count, since } = await countNewApprovals(deps.db, workspaceId);
  const needed = deps.settings.minExamples;
  if (count >= needed) return undefined;
  const when = since ? `since the last training (${since.toISOString()})` : "so far";
  return `${count} new approval${count === 1 ? "" : "s"} ${when}; a run needs ${needed} (TRAIN_MIN_EXAMPLES)`;
}

/** The dataset, or why it cannot be trained on (too few examples in a split: not a failure). */
async function buildOrSkip(
  deps: TrainingDeps,
  workspaceId: string,
  runDir: string,
): Promise<TrainingDataset | string> {
  await mkdir(runDir, { recursive: true, mode: 0o700 });
  try {
    return await deps.buildDataset({ workspaceId, outDir: join(runDir, "data") });
  } catch (error) {
    // No approvals at all, all stale, or a split under the batch size: nothing to train on, not a failure.
    if (isAppError(error) && (error.code === ErrorCode.InvalidInput || error.code === ErrorCode.NotFound))
      return error.message;
    throw error;
  }
}

async function dryRun(
  deps: TrainingDeps,
  run: { workspaceId: string; current: string; runDir: string },
): Promise<TrainResult> {
  const base = { ...emptyResult(null, run.current), status: "skipped" as const };
  const gate = await gateReason(deps, run.workspaceId);
  const dataset = await buildOrSkip(deps, run.workspaceId, run.runDir);
  if (typeof dataset === "string") return { ...base, reason: `dry run: would skip: ${dataset}` };
  const config = await writeTrainerConfig(deps.settings, { runDir: run.runDir, dataDir: dataset.dir });
  const plan = gate
    ? `would skip: ${gate}`
    : `would train ${deps.settings.baseModel} on ${dataset.train} examples (${dataset.valid} validation, ${dataset.test} held out) with ${deps.settings.trainCommand}`;
  return {
    ...base,
    reason: `dry run: ${plan}`,
    examples: dataset.train,
    dryRun: { datasetDir: dataset.dir, config: config.yaml },
  };
}

/** Records the outcome and returns it. */
async function finish(
  deps: TrainingDeps,
  result: TrainResult,
  extra: TrainingRunUpdate = {},
): Promise<TrainResult> {
  if (result.run === null) return result;
  await updateTrainingRun(deps.db, result.run, {
    status: result.status,
    reason: result.reason,
    candidate: result.candidate,
    finishedAt: deps.now(),
    ...extra,
  });
  deps.logger.info(
    { run: result.run, status: result.status, reason: result.reason },
    "training run finished",
  );
  return result;
}

async function tellAdmins(deps: TrainingDeps, failure: FailedTraining): Promise<void> {
  try {
    await deps.onFailed?.(failure);
  } catch (error) {
    deps.logger.error(
      { err: errorMessage(error), run: failure.run },
      "could not tell the admins about a failed training run",
    );
  }
}

/** Keeps the run's progress in its row as it comes, one write at a time. */
function progressRecorder(
  db: Db,
  runId: string,
): { add(entry: ProgressEntry): void; saved(): Promise<void> } {
  const entries: ProgressEntry[] = [];
  let writing: Promise<void> = Promise.resolve();
  return {
    add(entry) {
      entries.push(entry);
      const snapshot = entries.map((item) => ({ ...item }));
      writing = writing.then(() => updateTrainingRun(db, runId, { progress: snapshot })).catch(() => {});
    },
    saved: () => writing,
  };
}

function emptyResult(run: string | null, current: string): TrainResult {
  return {
    status: "skipped",
    reason: null,
    run,
    candidate: null,
    current,
    scores: { candidate: null, current: null },
    examples: 0,
    trainSeconds: null,
    tokensPerSecond: null,
  };
}

/** Sortable and valid as an Ollama tag: `20260314t020000-a1b2`. */
function newRunId(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "")
    .toLowerCase();
  return `${stamp}-${randomBytes(2).toString("hex")}`;
}
