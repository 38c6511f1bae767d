import { createHash } from "node:crypto";
import type { SplitName } from "#shared/db/schema.ts";
import { stableFraction } from "./seeded-random.ts";

/** Shares of new clusters by hash: 80 % train, 10 % valid, 10 % test. */
export const splitShares: Record<SplitName, number> = { train: 0.8, valid: 0.1, test: 0.1 };

/** A question's split as `dataset_splits` keeps it. */
export interface StoredSplit {
  questionId: string;
  cluster: string;
  split: SplitName;
}

/** A cluster's key: a hash of its first member's normalized text (never the text itself). */
export function clusterKeyOf(normalizedQuestion: string): string {
  return createHash("sha256").update(normalizedQuestion).digest("hex").slice(0, 24);
}

/** Where a new cluster goes: fixed by its key, so the same cluster lands in the same split anywhere. */
export function splitOfClusterKey(key: string, seed: string): SplitName {
  const fraction = stableFraction(seed, key);
  if (fraction < splitShares.train) return "train";
  return fraction < splitShares.train + splitShares.valid ? "valid" : "test";
}

/** Held-out splits first: a cluster touching test stays out of train. */
const precedence: readonly SplitName[] = ["test", "valid", "train"];

/**
 * A cluster's key and split. First assignment wins: members already stored keep theirs, and new
 * members join the cluster's split. Should one cluster now hold members stored in different splits
 * (a new question bridging two old ones), the held-out split wins, so nothing of test or valid
 * reaches train; the stored rows themselves never change.
 */
export function clusterSplit(
  members: readonly { questionId: string; normalized: string }[],
  stored: ReadonlyMap<string, StoredSplit>,
  seed: string,
): { cluster: string; split: SplitName } {
  const rows = members.flatMap((member) => {
    const row = stored.get(member.questionId);
    return row ? [row] : [];
  });
  for (const split of precedence) {
    const row = rows.find((candidate) => candidate.split === split);
    if (row) return { cluster: row.cluster, split };
  }
  const first = members[0];
  if (!first) throw new Error("a cluster has at least one member");
  const cluster = clusterKeyOf(first.normalized);
  return { cluster, split: splitOfClusterKey(cluster, seed) };
}
