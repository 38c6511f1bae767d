const minJaccard = 0.7;
const minContainment = 0.9;

/**
 * Two sentences say the same thing when their analysed terms mostly coincide (Jaccard ≥ 0.7) or one
 * is nearly contained in the other ("You get 12 weeks." inside "You get 12 weeks of paid leave.").
 */
export function isNearDuplicate(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return a.size === b.size;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  const union = a.size + b.size - shared;
  return shared / union >= minJaccard || shared / Math.min(a.size, b.size) >= minContainment;
}
