import { stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { toYaml } from "./config-yaml.ts";
import { logTail } from "./log-tail.ts";
import { type ProgressEntry, parseProgressLine, summariseProgress } from "./parse-progress.ts";
import { runCommand } from "./run-command.ts";
import { type TrainerSettings, trainerConfig } from "./trainer-config.ts";
import { TrainingFailure } from "./training-failure.ts";

export interface TrainerCommand {
  /** TRAIN_COMMAND: an executable path or a name on PATH (run without a shell). */
  command: string;
  timeoutMs: number;
}

export interface TrainerOutcome {
  progress: ProgressEntry[];
  tokensPerSecond: number | null;
  peakMemoryGb: number | null;
  logTail: string;
  adapterDir: string;
}

/** Writes the YAML config for a run: what `--dry-run` shows and what the trainer reads. */
export async function writeTrainerConfig(
  settings: TrainerSettings,
  paths: { runDir: string; dataDir: string },
): Promise<{ file: string; yaml: string; adapterDir: string }> {
  const adapterDir = join(paths.runDir, "adapters");
  const yaml = `${toYaml(trainerConfig(settings, { dataDir: paths.dataDir, adapterDir }))}\n`;
  const file = join(paths.runDir, "lora-config.yaml");
  await writeFile(file, yaml);
  return { file, yaml, adapterDir };
}

/**
 * Runs `TRAIN_COMMAND --config FILE`, keeping its progress reports. Fails when it exits non-zero,
 * outlives the timeout, or ends without `adapters.safetensors` (a trainer that "succeeds" without
 * weights would otherwise import the base model under a new name).
 */
export async function runTrainer(
  trainer: TrainerCommand,
  config: { file: string; adapterDir: string },
  onProgress: (entry: ProgressEntry) => void = () => {},
): Promise<TrainerOutcome> {
  const tail = logTail();
  const progress: ProgressEntry[] = [];
  const outcome = await runCommand(trainer.command, ["--config", config.file], {
    timeoutMs: trainer.timeoutMs,
    onLine(line) {
      tail.push(line);
      const entry = parseProgressLine(line);
      if (entry) {
        progress.push(entry);
        onProgress(entry);
      }
    },
  });
  const minutes = trainer.timeoutMs / 60_000;
  if (outcome.startError)
    throw new TrainingFailure(
      `the trainer ${trainer.command} could not start: ${outcome.startError}`,
      tail.text(),
    );
  if (outcome.timedOut)
    throw new TrainingFailure(
      `the trainer ran longer than TRAIN_TIMEOUT_MINUTES (${minutes}) and was stopped`,
      tail.text(),
    );
  if (outcome.exitCode !== 0)
    throw new TrainingFailure(`the trainer exited with ${exitText(outcome.exitCode)}`, tail.text());
  const adapter = join(config.adapterDir, "adapters.safetensors");
  if (!(await nonEmptyFile(adapter)))
    throw new TrainingFailure(`the trainer exited 0 but wrote no ${adapter}`, tail.text());
  return { progress, ...summariseProgress(progress), logTail: tail.text(), adapterDir: config.adapterDir };
}

export function exitText(code: number | null): string {
  return code === null ? "a signal" : `status ${code}`;
}

export async function nonEmptyFile(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() === true && info.size > 0;
}
