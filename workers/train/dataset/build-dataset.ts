import { parseServedRecord } from "#shared/answers/served-record.ts";
import { changedPinsOfMany } from "#shared/approvals/approval-pins.ts";
import type { Db } from "#shared/db/database.ts";
import { type SplitName, splitNames } from "#shared/db/schema.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { buildExamples } from "./build-examples.ts";
import type { ChatTokenizer } from "./chat-tokenizer.ts";
import { prepareDatasetFolder, writeDatasetFiles } from "./dataset-files.ts";
import { type DatasetManifest, manifestFormat, type SplitCounts } from "./dataset-manifest.ts";
import { loadDatasetSplits, saveDatasetSplits } from "./dataset-split-repository.ts";
import { clusterSplit, type StoredSplit, splitShares } from "./frozen-splits.ts";
import { groupApprovals } from "./group-approvals.ts";
import { loadApprovals, type StoredApproval } from "./load-approvals.ts";
import { nearDuplicateThreshold } from "./question-clusters.ts";
import { scrubApproval } from "./scrub-approval.ts";
import { emptyScrubCounts } from "./scrub-text.ts";
import type { ExamplePassage } from "./training-example.ts";
import type { UsableApproval } from "./usable-approval.ts";

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
  const assigned = await frozenSplits(db, workspaceId, clusters);

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

type ClusterAssignment = { cluster: string; split: SplitName };

/**
 * The approvals that can be trained on, and why each other one can't: no answer, no served record
 * (answered before records were kept), served from the answer bank (its original approval is the
 * example), or stale (a cited document changed or went since it was approved).
 */
async function usableApprovals(
  db: Db,
  stored: readonly StoredApproval[],
): Promise<{ usable: UsableApproval[]; skipped: { questionId: string; reason: string }[] }> {
  const skipped: { questionId: string; reason: string }[] = [];
  const candidates: UsableApproval[] = [];
  for (const approval of stored) {
    const skip = (reason: string) => skipped.push({ questionId: approval.questionId, reason });
    if (approval.answerText === null) {
      skip("not answered");
      continue;
    }
    if (approval.served === null || approval.served === undefined) {
      skip("no served record (answered before served records were kept)");
      continue;
    }
    let served: ReturnType<typeof parseServedRecord>;
    try {
      served = parseServedRecord(approval.served);
    } catch {
      skip("served record unreadable");
      continue;
    }
    if (approval.answerMode === "approved" || served.mode === "approved") {
      skip("served from the answer bank (the approval it reused is the example)");
      continue;
    }
    candidates.push({
      questionId: approval.questionId,
      questionCreatedAt: approval.questionCreatedAt,
      approvedAt: approval.approvedAt,
      corrected: approval.correctedText !== null,
      answer: approval.correctedText ?? approval.answerText,
      served,
    });
  }
  const pins = new Map(stored.map((approval) => [approval.questionId, approval.pins]));
  const changes = await changedPinsOfMany(
    db,
    candidates.map((candidate) => ({
      questionId: candidate.questionId,
      pins: pins.get(candidate.questionId) ?? [],
    })),
  );
  const usable = candidates.filter((candidate) => {
    const changed = changes.get(candidate.questionId) ?? [];
    if (changed.length === 0) return true;
    const what = changed.map((change) => `${change.title} ${change.change}`).join(", ");
    skipped.push({ questionId: candidate.questionId, reason: `stale: ${what}` });
    return false;
  });
  return { usable, skipped };
}

/**
 * Each cluster's key and split: stored splits win, new members are stored with their cluster's.
 * Re-read after saving, so a build running at the same time can't make a question straddle splits.
 */
async function frozenSplits(
  db: Db,
  workspaceId: string,
  clusters: ReturnType<typeof groupApprovals>,
): Promise<ClusterAssignment[]> {
  const before = await loadDatasetSplits(db, workspaceId);
  const fresh: StoredSplit[] = [];
  for (const cluster of clusters) {
    const { cluster: key, split } = clusterSplit(cluster.byAge, before, datasetSeed);
    for (const member of cluster.byAge) {
      if (!before.has(member.questionId)) fresh.push({ questionId: member.questionId, cluster: key, split });
    }
  }
  if (fresh.length === 0) return clusters.map((cluster) => clusterSplit(cluster.byAge, before, datasetSeed));
  await saveDatasetSplits(db, workspaceId, fresh);
  const after = await loadDatasetSplits(db, workspaceId);
  return clusters.map((cluster) => clusterSplit(cluster.byAge, after, datasetSeed));
}

/** Every passage served in the workspace once (by chunk), in a fixed order: where distractors come from. */
function distractorPool(approvals: readonly UsableApproval[]): ExamplePassage[] {
  const byChunk = new Map<string, ExamplePassage>();
  for (const approval of approvals) {
    for (const passage of approval.served.passages) {
      if (byChunk.has(passage.chunkId)) continue;
      byChunk.set(passage.chunkId, {
        title: passage.title,
        text: passage.text,
        documentId: passage.documentId,
        chunkId: passage.chunkId,
        servedNumber: null,
      });
    }
  }
  return [...byChunk.values()].sort((a, b) => (a.chunkId < b.chunkId ? -1 : a.chunkId > b.chunkId ? 1 : 0));
}

function splitCounts(kinds: readonly string[]): SplitCounts {
  return {
    examples: kinds.length,
    approved: kinds.filter((kind) => kind === "approved").length,
    distractor: kinds.filter((kind) => kind === "distractor").length,
    refusal: kinds.filter((kind) => kind === "refusal").length,
  };
}

/** MLX-LM needs a full batch in every split: say which falls short and roughly how many approvals would do. */
function checkSplitSizes(
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

/** Nothing left to train on: say why, by reason. */
function nothingUsable(workspaceId: string, skipped: readonly { reason: string }[]): AppError {
  const byReason = new Map<string, number>();
  for (const { reason } of skipped) {
    const kind = reason.startsWith("stale") ? "stale" : reason;
    byReason.set(kind, (byReason.get(kind) ?? 0) + 1);
  }
  const reasons = [...byReason].map(([reason, count]) => `${count} ${reason}`).join(", ");
  const stale = byReason.has("stale");
  return new AppError(
    ErrorCode.InvalidInput,
    `No approved answer of workspace "${workspaceId}" can be trained on (${reasons}).`,
    {
      hint: stale
        ? `A stale approval's sources changed since it was approved: review them with \`sabio approvals --workspace ${workspaceId} --state stale\` and re-approve with \`sabio approve\`.`
        : "Approve answers given since served records were kept, then build the dataset again.",
    },
  );
}
