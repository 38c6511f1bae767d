/** The constant from Cormack et al. (2009): large enough that no single list dominates the fusion. */
export const RRF_K = 60;

export interface FusedItem<T> {
  item: T;
  score: number;
}

/**
 * Reciprocal rank fusion: each list adds 1 / (k + rank) for every item it holds (rank starts at 1),
 * so only positions matter, never the lists' incomparable scores. Items are matched by id; the first
 * occurrence is the one returned. Sorted by fused score, best first; ties keep first-seen order.
 */
export function reciprocalRankFusion<T extends { id: string }>(
  rankings: readonly (readonly T[])[],
  options: { k?: number; limit?: number } = {},
): FusedItem<T>[] {
  const k = options.k ?? RRF_K;
  const fused = new Map<string, FusedItem<T>>();
  for (const ranking of rankings) {
    ranking.forEach((item, index) => {
      const contribution = 1 / (k + index + 1);
      const existing = fused.get(item.id);
      if (existing) existing.score += contribution;
      else fused.set(item.id, { item, score: contribution });
    });
  }
  const sorted = [...fused.values()].sort((left, right) => right.score - left.score);
  return options.limit === undefined ? sorted : sorted.slice(0, options.limit);
}
