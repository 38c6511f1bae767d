import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { ChatModel } from "#shared/model/chat-model.ts";
import { fuseAdapter } from "./fuse-adapter.ts";
import { importIntoOllama, type OllamaImportTarget } from "./import-into-ollama.ts";
import type { ProgressEntry } from "./parse-progress.ts";
import { runTrainer } from "./run-trainer.ts";
import { smokeTest } from "./smoke-test.ts";
import type { TrainingSettings } from "./training-settings.ts";

export interface CandidateSteps {
  chatModel: ChatModel;
  ollama: OllamaImportTarget;
  now(): Date;
  /** Each progress report as it comes, and each step's outcome, for the run's record. */
  onProgress(entry: ProgressEntry): void;
  onTrained(outcome: {
    trainSeconds: number;
    tokensPerSecond: number | null;
    peakMemoryGb: number | null;
    logTail: string;
  }): Promise<void>;
  onImporting(candidate: string): Promise<void>;
}

/**
 * Trainer → fuse → import into Ollama as `candidate` → smoke test. Each step that does not do its
 * job throws TrainingFailure. The fused weights (gigabytes) are deleted once Ollama has its copy.
 */
export async function trainCandidate(
  steps: CandidateSteps,
  settings: TrainingSettings,
  run: { runDir: string; configFile: string; adapterDir: string; candidate: string },
): Promise<void> {
  const started = steps.now();
  const trained = await runTrainer(
    { command: settings.trainCommand, timeoutMs: settings.timeoutMs },
    { file: run.configFile, adapterDir: run.adapterDir },
    steps.onProgress,
  );
  await steps.onTrained({
    trainSeconds: (steps.now().getTime() - started.getTime()) / 1000,
    tokensPerSecond: trained.tokensPerSecond,
    peakMemoryGb: trained.peakMemoryGb,
    logTail: trained.logTail,
  });
  const saveDir = join(run.runDir, "fused");
  try {
    const fused = await fuseAdapter(
      { command: settings.fuseCommand, timeoutMs: settings.timeoutMs },
      { baseModel: settings.baseModel, adapterDir: run.adapterDir, saveDir },
    );
    await steps.onImporting(run.candidate);
    await importIntoOllama(steps.ollama, run.candidate, saveDir, fused.files);
  } finally {
    await rm(saveDir, { recursive: true, force: true });
  }
  await smokeTest(steps.chatModel, run.candidate, settings.answerTimeoutMs);
}
