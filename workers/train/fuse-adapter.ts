import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { logTail } from "./log-tail.ts";
import { runCommand } from "./run-command.ts";
import { exitText } from "./run-trainer.ts";
import { TrainingFailure } from "./training-failure.ts";

export interface FuseCommand {
  /** FUSE_COMMAND: an executable path or a name on PATH. */
  command: string;
  timeoutMs: number;
}

/**
 * Fuses the adapter into the base weights (`FUSE_COMMAND --model … --adapter-path … --save-path …`):
 * Ollama ≥ 0.34 refuses a Modelfile ADAPTER, so fused weights are what it imports. A fuse that
 * exits 0 with no weights in the save path fails the run.
 */
export async function fuseAdapter(
  fuse: FuseCommand,
  paths: { baseModel: string; adapterDir: string; saveDir: string },
): Promise<{ files: string[]; logTail: string }> {
  const tail = logTail();
  const outcome = await runCommand(
    fuse.command,
    ["--model", paths.baseModel, "--adapter-path", paths.adapterDir, "--save-path", paths.saveDir],
    { timeoutMs: fuse.timeoutMs, onLine: (line) => tail.push(line) },
  );
  if (outcome.startError)
    throw new TrainingFailure(
      `the fuse command ${fuse.command} could not start: ${outcome.startError}`,
      tail.text(),
    );
  if (outcome.timedOut)
    throw new TrainingFailure("the fuse command ran too long and was stopped", tail.text());
  if (outcome.exitCode !== 0)
    throw new TrainingFailure(`the fuse command exited with ${exitText(outcome.exitCode)}`, tail.text());
  const files = await fusedFiles(paths.saveDir);
  if (!files.some((file) => file.endsWith(".safetensors")))
    throw new TrainingFailure(
      `the fuse command exited 0 but wrote no weights to ${paths.saveDir}`,
      tail.text(),
    );
  return { files, logTail: tail.text() };
}

/** The non-empty regular files of the fused model (weights, config, tokenizer): what Ollama is given. */
async function fusedFiles(directory: string): Promise<string[]> {
  const names = await readdir(directory).catch(() => [] as string[]);
  const files: string[] = [];
  for (const name of names.sort()) {
    const info = await stat(join(directory, name));
    if (info.isFile() && info.size > 0) files.push(name);
  }
  return files;
}
