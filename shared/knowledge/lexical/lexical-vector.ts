import { hashTerm } from "./hash-term.ts";
import type { SparseVector } from "./sparse-vector.ts";

export interface Bm25Parameters {
  /** Term-frequency saturation: 0 = presence only; larger = repeats count for longer. */
  k1: number;
  /** Length normalisation: 0 = none, 1 = full. */
  b: number;
  /** Average number of terms per chunk in the collection (a constant estimate is fine). */
  averageLength: number;
}

/**
 * Lucene's defaults (which LanceDB's full-text index also uses), and the average number of terms
 * analyzeText gives for a chunk of chunkMarkdown's default size, measured on the Sourcegraph handbook.
 */
export const defaultBm25Parameters: Bm25Parameters = { k1: 1.2, b: 0.75, averageLength: 200 };

/**
 * The document side of BM25 without IDF, per unique term: tf·(k1+1) / (tf + k1·(1 − b + b·len/avg)).
 * The store multiplies in IDF at query time (Qdrant's `modifier: "idf"`), which it alone can know.
 * Indices are term hashes, sorted; terms whose hashes collide share one entry and sum their weights.
 */
export function lexicalVector(
  terms: readonly string[],
  parameters: Bm25Parameters = defaultBm25Parameters,
): SparseVector {
  const { k1, b, averageLength } = parameters;
  const frequencies = new Map<string, number>();
  for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  // Sort (hash, frequency) pairs packed in one float: hash · 2^20 + frequency stays below 2^53.
  const packed = new Float64Array(frequencies.size);
  let position = 0;
  for (const [term, frequency] of frequencies) {
    packed[position++] = termIndex(term) * frequencyRange + Math.min(frequency, frequencyRange - 1);
  }
  packed.sort();
  const lengthNorm = k1 * (1 - b + (b * terms.length) / Math.max(averageLength, 1));
  const indices: number[] = [];
  const values: number[] = [];
  for (const entry of packed) {
    const index = Math.floor(entry / frequencyRange);
    const frequency = entry - index * frequencyRange;
    const weight = (frequency * (k1 + 1)) / (frequency + lengthNorm);
    if (indices.at(-1) === index) values[values.length - 1] = (values.at(-1) ?? 0) + weight;
    else {
      indices.push(index);
      values.push(weight);
    }
  }
  return { indices, values };
}

/** The query side: each unique term once with weight 1, so the store's IDF does the weighting. */
export function queryLexicalVector(terms: readonly string[]): SparseVector {
  const indices = [...new Set(terms.map(termIndex))].sort((left, right) => left - right);
  return { indices, values: indices.map(() => 1) };
}

/** Terms as one string for a full-text index that splits on spaces: they contain no spaces themselves. */
export function lexicalText(terms: readonly string[]): string {
  return terms.join(" ");
}

const frequencyRange = 2 ** 20;

/** Hashes are cached: the same terms recur across chunks, and a Map lookup beats rehashing. */
const termIndices = new Map<string, number>();
const maxCachedIndices = 200_000;

function termIndex(term: string): number {
  let index = termIndices.get(term);
  if (index === undefined) {
    index = hashTerm(term);
    if (termIndices.size >= maxCachedIndices) termIndices.clear();
    termIndices.set(term, index);
  }
  return index;
}
