import type { Db } from "#shared/db/database.ts";
import { type SplitName, splitNames } from "#shared/db/schema.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { buildExamples } from "./build-examples.ts";
import type { ChatTokenizer } from "./chat-tokenizer.ts";
import { type ClusterAssignment, clusterAssignments } from "./cluster-assignments.ts";
import { prepareDatasetFolder, writeDatasetFiles } from "./dataset-files.ts";
import { type DatasetManifest, manifestFormat, type SplitCounts } from "./dataset-manifest.ts";
import { distractorPool } from "./distractor-pool.ts";
import { splitShares } from "./frozen-splits.ts";
import { groupApprovals } from "./group-approvals.ts";
import { loadApprovals } from "./load-approvals.ts";
import { nearDuplicateThreshold } from "./question-clusters.ts";
import { scrubApproval } from "./scrub-approval.ts";
import { emptyScrubCounts } from "./scrub-text.ts";
import { checkSplitSizes, splitCounts } from "./split-counts.ts";
import { nothingUsable, usableApprovals } from "./usable-approvals.ts";

/** Seeds every shuffle and pick (with each question id): change it and every augmentation changes. */
export const datasetSeed = "sabio-dataset/1";

export interface DatasetDependencies {
  db: Db;
  /** The trainer's tokenizer, loaded only once a dataset is built (loadGemmaTokenizer in production). */
  tokenizer: () => Promise<ChatTokenizer>;
  /** TRAIN_MAX_SEQ_TOKENS and TRAIN_BATCH_SIZE. */
  settings: { maxSeqTokens: number; batchSize: number };
}

export interface DatasetRequest {
  workspaceId: string;
  outDir: string;
}

/** `sabio dataset --json`: line counts per split and in all, what was left out, the longest example. */
export interface DatasetSummary {
  train: number;
  valid: number;
  test: number;
  refusals: number;
  distractorExamples: number;
  skipped: { questionId: string; reason: string }[];
  maxTokens: number;
}

export interface DatasetResult extends DatasetSummary {
  dir: string;
  approvalsUntil: Date;
  manifest: DatasetManifest;
}

/**
 * The workspace's approved answers as an MLX-LM chat dataset in `outDir`: train/valid/test.jsonl
 * (`{"messages":[…]}` per line) and dataset.json. Each example is the served prompt with the approved
 * (or corrected) answer, scrubbed, within the token budget; duplicates collapsed; splits frozen in
 * `dataset_splits`. Throws AppError invalid_input, writing nothing, when a split would have fewer
 * than TRAIN_BATCH_SIZE examples (MLX-LM refuses such a split) and not_found with no approvals.
 */
export async function buildDataset(
  deps: DatasetDependencies,
  request: DatasetRequest,
): Promise<DatasetResult> {
  const { db, settings } = deps;
  const { workspaceId, outDir } = request;
  await prepareDatasetFolder(outDir);

  const stored = await loadApprovals(db, workspaceId);
  if (stored.length === 0) {
    throw new AppError(ErrorCode.NotFound, `Workspace "${workspaceId}" has no approved answers yet.`, {
      hint: "Approve answers in Slack or Discord, or with `sabio approve`, then build the dataset.",
    });
  }
  // reduce, not Math.max(...): a spread of 100k+ arguments overflows the stack.
  const approvalsUntil = new Date(
    stored.reduce((latest, approval) => Math.max(latest, approval.approvedAt.getTime()), 0),
  );
  const { usable: found, skipped } = await usableApprovals(db, stored);
  if (found.length === 0) throw nothingUsable(workspaceId, skipped);

  const scrubbed = emptyScrubCounts();
  const usable = found.map((approval) => scrubApproval(approval, scrubbed));
  const clusters = groupApprovals(usable);
  const assigned = await clusterAssignments(db, workspaceId, clusters, datasetSeed);

  const tokenizer = await deps.tokenizer();
  const built = buildExamples(
    clusters.map((cluster, index) => ({
      ...(assigned[index] as ClusterAssignment),
      members: cluster.members,
    })),
    distractorPool(usable),
    tokenizer,
    settings.maxSeqTokens,
    datasetSeed,
  );
  skipped.push(...built.skipped);

  const counts = Object.fromEntries(
    splitNames.map((split) => [split, splitCounts(built.lines[split].map((line) => line.kind))]),
  ) as Record<SplitName, SplitCounts>;
  checkSplitSizes(counts, settings.batchSize, built.representatives.size, workspaceId);

  const all = splitNames.flatMap((split) => built.lines[split]);
  const maxTokens = all.reduce((longest, line) => Math.max(longest, line.tokens), 0);
  const splits: Record<string, SplitName> = {};
  clusters.forEach((cluster, index) => {
    for (const member of cluster.byAge)
      splits[member.questionId] = (assigned[index] as ClusterAssignment).split;
  });
  const manifest: DatasetManifest = {
    format: manifestFormat,
    workspaceId,
    approvalsUntil: approvalsUntil.toISOString(),
    tokenizer: tokenizer.name,
    maxSeqTokens: settings.maxSeqTokens,
    maxTokens,
    seed: datasetSeed,
    splitShares,
    nearDuplicateThreshold,
    counts: {
      approvals: stored.length,
      usable: usable.length,
      clusters: clusters.length,
      shortened: all.filter((line) => line.shortened).length,
      extrasOverBudget: built.extrasOverBudget,
      ...counts,
    },
    scrubbed,
    skipped,
    splits,
    examples: Object.fromEntries(
      splitNames.map((split) => [
        split,
        built.lines[split].map(({ questionId, kind, tokens, shortened }) => ({
          questionId,
          kind,
          tokens,
          shortened,
        })),
      ]),
    ) as DatasetManifest["examples"],
  };
  await writeDatasetFiles(outDir, built.lines, manifest);

  return {
    train: counts.train.examples,
    valid: counts.valid.examples,
    test: counts.test.examples,
    refusals: all.filter((line) => line.kind === "refusal").length,
    distractorExamples: all.filter((line) => line.kind === "distractor").length,
    skipped,
    maxTokens,
    dir: outDir,
    approvalsUntil,
    manifest,
  };
}
