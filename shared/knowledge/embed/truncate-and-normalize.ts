/**
 * Matryoshka truncation: keeps the first `dimensions` values and rescales to unit length, so cosine
 * and dot product agree again. A zero vector stays zero (there is no direction to keep).
 */
export function truncateAndNormalize(vector: readonly number[], dimensions: number): number[] {
  if (!Number.isInteger(dimensions) || dimensions <= 0) {
    throw new RangeError(`dimensions must be a positive whole number, got ${dimensions}`);
  }
  if (vector.length < dimensions) {
    throw new RangeError(`cannot truncate a ${vector.length}-dimensional vector to ${dimensions}`);
  }
  const kept = vector.slice(0, dimensions);
  let sumOfSquares = 0;
  for (const value of kept) sumOfSquares += value * value;
  const norm = Math.sqrt(sumOfSquares);
  return norm === 0 ? kept : kept.map((value) => value / norm);
}
