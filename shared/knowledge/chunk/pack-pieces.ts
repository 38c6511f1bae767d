import { addMeasures, measureText, type TextMeasure, tokensOf } from "./estimate-tokens.ts";

/**
 * Joins consecutive pieces (each within the budget) with a whitespace separator into as few texts
 * within the budget as it can, balanced: a 500-token run with a 450 budget gives two of ~250, not
 * 450 + 50, so no chunk is a scrap. Sizes are added up, never re-measured (exact for whitespace).
 */
export function packPieces(pieces: readonly string[], budget: number, separator: string): string[] {
  if (pieces.length === 0) return [];
  const measures = pieces.map(measureText);
  let total: TextMeasure | undefined;
  for (const measure of measures)
    total = total === undefined ? measure : addMeasures(total, measure, separator.length);
  const totalTokens = total === undefined ? 0 : tokensOf(total);
  if (totalTokens <= budget) return [pieces.join(separator)];
  const target = totalTokens / Math.ceil(totalTokens / budget);
  const packed: string[] = [];
  let start = 0;
  let current: TextMeasure | undefined;
  for (let index = 0; index < pieces.length; index++) {
    const measure = measures[index] ?? measureText("");
    if (current !== undefined) {
      const joined = addMeasures(current, measure, separator.length);
      if (tokensOf(joined) <= budget && tokensOf(current) < target) {
        current = joined;
        continue;
      }
      packed.push(pieces.slice(start, index).join(separator));
    }
    start = index;
    current = measure;
  }
  packed.push(pieces.slice(start).join(separator));
  return packed;
}
