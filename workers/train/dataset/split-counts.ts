import { type SplitName, splitNames } from "#shared/db/schema.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { SplitCounts } from "./dataset-manifest.ts";
import { splitShares } from "./frozen-splits.ts";

/** How many lines of each kind a split has. */
export function splitCounts(kinds: readonly string[]): SplitCounts {
  return {
    examples: kinds.length,
    approved: kinds.filter((kind) => kind === "approved").length,
    distractor: kinds.filter((kind) => kind === "distractor").length,
    refusal: kinds.filter((kind) => kind === "refusal").length,
  };
}

/** MLX-LM needs a full batch in every split: say which falls short and roughly how many approvals would do. */
export function checkSplitSizes(
  counts: Record<SplitName, SplitCounts>,
  batchSize: number,
  questions: number,
  workspaceId: string,
): void {
  for (const split of splitNames) {
    const have = counts[split].examples;
    if (have >= batchSize) continue;
    const linesPerQuestion = questions > 0 ? Math.max(1, totalLines(counts) / questions) : 1;
    const needed = Math.ceil(batchSize / (splitShares[split] * linesPerQuestion));
    const more = Math.max(1, needed - questions);
    throw new AppError(
      ErrorCode.InvalidInput,
      `Workspace "${workspaceId}": the ${split} split has ${have} example${have === 1 ? "" : "s"}, and each split needs at least TRAIN_BATCH_SIZE (${batchSize}). About ${Math.round(splitShares[split] * 100)} % of distinct questions go to ${split}: with ${questions} distinct approved question${questions === 1 ? "" : "s"} now, about ${needed} are needed (${more} more approval${more === 1 ? "" : "s"}).`,
      { hint: "Approve more answers (or lower TRAIN_BATCH_SIZE), then build the dataset again." },
    );
  }
}

function totalLines(counts: Record<SplitName, SplitCounts>): number {
  return splitNames.reduce((sum, split) => sum + counts[split].examples, 0);
}
