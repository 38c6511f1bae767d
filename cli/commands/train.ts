import { runTraining } from "#workers/train/run-training.ts";
import type { TrainResult } from "#workers/train/train-result.ts";
import { trainingRun } from "#workers/train/training-runs.ts";
import { type Output, printJson } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import type { Services } from "../services.ts";
import { optionsOnlyWorkspace } from "./options-only-workspace.ts";
import { trainingDeps } from "./training-deps.ts";

/**
 * `sabio train --workspace W [--json] [--dry-run]`: one fine-tuning run now (what the `train` role
 * does nightly). Exit 1 only when the run failed; a skip or a rejected candidate is a normal outcome.
 */
export async function trainCommand(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<number> {
  const workspaceId = optionsOnlyWorkspace("train", commandLine);
  const database = await services.database();
  const deps = trainingDeps(services, database);
  if (!commandLine.json && !commandLine.dryRun)
    output.note(`Training ${workspaceId} with ${deps.settings.trainCommand}; this can take hours…`);
  const result = await runTraining(deps, { workspaceId, dryRun: commandLine.dryRun });
  if (commandLine.json) {
    const { dryRun, ...shape } = result;
    printJson(output, dryRun ? { ...shape, dryRun } : shape);
  } else {
    for (const line of describe(result)) output.out(line);
    if (result.status === "failed" && result.run) {
      const tail = (await trainingRun(database.db, result.run))?.logTail;
      if (tail) output.note(`Last lines of its log:\n${tail.split("\n").slice(-15).join("\n")}`);
    }
  }
  return result.status === "failed" ? 1 : 0;
}

function describe(result: TrainResult): string[] {
  const speed =
    result.trainSeconds === null
      ? ""
      : ` Trained on ${result.examples} examples in ${result.trainSeconds.toFixed(1)} s${result.tokensPerSecond === null ? "" : ` at ${Math.round(result.tokensPerSecond)} tokens/s`}.`;
  switch (result.status) {
    case "promoted":
      return [
        `Promoted ${result.candidate}: ${result.reason}.${speed}`,
        `It answers the workspace's next question.`,
      ];
    case "rejected":
      return [
        `Rejected ${result.candidate}: ${result.reason}.${speed}`,
        `It is kept in Ollama for inspection; \`sabio model promote\` can still make it current.`,
      ];
    case "failed":
      return [`Training failed: ${result.reason}. The current model (${result.current}) is unchanged.`];
    case "skipped":
      if (result.dryRun)
        return [
          `${capitalised(result.reason ?? "dry run")}.`,
          `Dataset: ${result.dryRun.datasetDir}`,
          "Trainer config:",
          result.dryRun.config.trimEnd(),
        ];
      return [`Skipped: ${result.reason}.`];
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
