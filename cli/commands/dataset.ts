import { parseWorkspaceId } from "#shared/workspace/workspace-id.ts";
import { buildDataset, type DatasetResult } from "#workers/train/dataset/build-dataset.ts";
import { loadGemmaTokenizer } from "#workers/train/dataset/gemma-tokenizer.ts";
import { type Output, printJson } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import type { Services } from "../services.ts";
import { UsageError } from "../usage-error.ts";

/** Skipped approvals listed by name in the plain output; the rest are counted (all are in dataset.json). */
const listedSkips = 10;

/**
 * `sabio dataset --workspace W --out DIR [--json]`: the workspace's approved answers as the
 * fine-tuning dataset `sabio train` would use, for inspection or an outside trainer.
 */
export async function datasetCommand(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<number> {
  if (!commandLine.workspace) throw new UsageError("dataset needs --workspace <id>.");
  if (!commandLine.out) throw new UsageError("dataset needs --out <dir>, the folder to write it to.");
  if (commandLine.positionals.length > 0)
    throw new UsageError("dataset takes no arguments besides its options.");
  const workspaceId = parseWorkspaceId(commandLine.workspace);
  const { db } = await services.database();
  const result = await buildDataset(
    {
      db,
      tokenizer: loadGemmaTokenizer,
      settings: {
        maxSeqTokens: services.env.TRAIN_MAX_SEQ_TOKENS,
        batchSize: services.env.TRAIN_BATCH_SIZE,
      },
    },
    { workspaceId, outDir: commandLine.out },
  );
  if (commandLine.json) {
    const { train, valid, test, refusals, distractorExamples, skipped, maxTokens } = result;
    printJson(output, { train, valid, test, refusals, distractorExamples, skipped, maxTokens });
    return 0;
  }
  output.out(summaryLines(result).join("\n"));
  return 0;
}

function summaryLines(result: DatasetResult): string[] {
  const { counts, scrubbed } = result.manifest;
  const replaced = Object.entries(scrubbed)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${kind.replace("_", " ")}`);
  const lines = [
    `Dataset written to ${result.dir}`,
    `  train ${result.train}, valid ${result.valid}, test ${result.test} examples (${result.distractorExamples} with distractors, ${result.refusals} refusals)`,
    `  from ${counts.usable} of ${counts.approvals} approvals, ${counts.clusters} distinct questions; longest ${result.maxTokens} tokens (budget ${result.manifest.maxSeqTokens}, ${counts.shortened} shortened)`,
    `  scrubbed: ${replaced.length > 0 ? replaced.join(", ") : "nothing found"}`,
  ];
  if (result.skipped.length > 0) {
    lines.push(`  skipped ${result.skipped.length}:`);
    for (const { questionId, reason } of result.skipped.slice(0, listedSkips)) {
      lines.push(`    ${questionId}: ${reason}`);
    }
    if (result.skipped.length > listedSkips) {
      lines.push(`    … and ${result.skipped.length - listedSkips} more (see dataset.json)`);
    }
  }
  return lines;
}
