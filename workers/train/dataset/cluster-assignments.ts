import type { Db } from "#shared/db/database.ts";
import type { SplitName } from "#shared/db/schema.ts";
import { loadDatasetSplits, saveDatasetSplits } from "./dataset-split-repository.ts";
import { clusterSplit, type StoredSplit } from "./frozen-splits.ts";
import type { ApprovalCluster } from "./group-approvals.ts";

/** A cluster's key and the split all its members are in. */
export type ClusterAssignment = { cluster: string; split: SplitName };

/**
 * Each cluster's key and split: stored splits win, new members are stored with their cluster's.
 * Re-read after saving, so a build running at the same time can't make a question straddle splits.
 */
export async function clusterAssignments(
  db: Db,
  workspaceId: string,
  clusters: readonly ApprovalCluster[],
  seed: string,
): Promise<ClusterAssignment[]> {
  const before = await loadDatasetSplits(db, workspaceId);
  const fresh: StoredSplit[] = [];
  for (const cluster of clusters) {
    const { cluster: key, split } = clusterSplit(cluster.byAge, before, seed);
    for (const member of cluster.byAge) {
      if (!before.has(member.questionId)) fresh.push({ questionId: member.questionId, cluster: key, split });
    }
  }
  if (fresh.length === 0) return clusters.map((cluster) => clusterSplit(cluster.byAge, before, seed));
  await saveDatasetSplits(db, workspaceId, fresh);
  const after = await loadDatasetSplits(db, workspaceId);
  return clusters.map((cluster) => clusterSplit(cluster.byAge, after, seed));
}
