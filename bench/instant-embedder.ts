import type { Embedder } from "../shared/knowledge/embed/embedder.ts";

/** Unit vector from a string, deterministic and cheap (xorshift seeded by FNV-1a). */
export function pseudoVector(text: string, dimensions: number): number[] {
  let seed = 2166136261;
  for (let index = 0; index < text.length; index += 1)
    seed = Math.imul(seed ^ text.charCodeAt(index), 16777619);
  const vector = new Array<number>(dimensions);
  let norm = 0;
  for (let index = 0; index < dimensions; index += 1) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    const value = ((seed >>> 0) / 4294967295) * 2 - 1;
    vector[index] = value;
    norm += value * value;
  }
  const scale = 1 / Math.sqrt(norm);
  return vector.map((value) => value * scale);
}

/**
 * An embedder that answers at once, so ingest benchmarks measure Sabio's own pipeline (parse,
 * chunk, hash, lexical vectors, store) and not the model. Counts its calls.
 */
export function instantEmbedder(dimensions = 256): Embedder & { calls: number; texts: number } {
  const embedder = {
    model: "instant",
    dimensions,
    calls: 0,
    texts: 0,
    async embedDocuments(items: { title: string; text: string }[]) {
      embedder.calls += 1;
      embedder.texts += items.length;
      return items.map((item) => pseudoVector(item.text, dimensions));
    },
    async embedQuery(text: string) {
      embedder.calls += 1;
      embedder.texts += 1;
      return pseudoVector(text, dimensions);
    },
  };
  return embedder;
}
