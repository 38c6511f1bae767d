/**
 * An in-memory BM25 index, and the plain analyzer of the project's reference figure: the yardstick
 * the retrieval benchmark measures Sabio's analyzer against, in the same run.
 */

export interface Bm25Index {
  add(id: string, terms: readonly string[]): void;
  /** Ids of the best `limit` documents, best first; ties keep insertion order. */
  search(terms: readonly string[], limit: number): string[];
}

/** Lucene's BM25: idf = ln(1 + (N − df + 0.5) / (df + 0.5)); each unique query term counts once. */
export function createBm25Index(parameters: { k1: number; b: number }): Bm25Index {
  const { k1, b } = parameters;
  const ids: string[] = [];
  const lengths: number[] = [];
  const postings = new Map<string, { documents: number[]; frequencies: number[] }>();
  let totalLength = 0;

  return {
    add(id, terms) {
      const document = ids.length;
      ids.push(id);
      lengths.push(terms.length);
      totalLength += terms.length;
      const frequencies = new Map<string, number>();
      for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
      for (const [term, frequency] of frequencies) {
        let list = postings.get(term);
        if (list === undefined) {
          list = { documents: [], frequencies: [] };
          postings.set(term, list);
        }
        list.documents.push(document);
        list.frequencies.push(frequency);
      }
    },
    search(terms, limit) {
      const count = ids.length;
      const averageLength = totalLength / Math.max(count, 1);
      const scores = new Float64Array(count);
      for (const term of new Set(terms)) {
        const list = postings.get(term);
        if (list === undefined) continue;
        const documentFrequency = list.documents.length;
        const idf = Math.log(1 + (count - documentFrequency + 0.5) / (documentFrequency + 0.5));
        for (let position = 0; position < documentFrequency; position++) {
          const document = list.documents[position] ?? 0;
          const frequency = list.frequencies[position] ?? 0;
          const norm = k1 * (1 - b + (b * (lengths[document] ?? 0)) / averageLength);
          scores[document] = (scores[document] ?? 0) + (idf * frequency * (k1 + 1)) / (frequency + norm);
        }
      }
      const ranked: number[] = [];
      for (let document = 0; document < count; document++)
        if ((scores[document] ?? 0) > 0) ranked.push(document);
      ranked.sort((left, right) => (scores[right] ?? 0) - (scores[left] ?? 0) || left - right);
      return ranked.slice(0, limit).map((document) => ids[document] ?? "");
    },
  };
}

const plainStopWords = new Set(
  (
    "de la que el en y a los del se las por un para con no una su al lo como mas pero sus le ya o " +
    "este esta si porque entre cuando muy sin sobre tambien me hasta hay donde quien desde todo nos " +
    "durante todos uno les ni contra otros ese eso ante ellos e esto mi antes algunos unos yo otro " +
    "otras otra tanto esa estos mucho quienes nada muchos cual es son fue fueron ha han era"
  ).split(" "),
);

/** Lowercased, accents folded, split on anything but letters and digits, a short Spanish stop list. */
export function plainBm25Terms(text: string): string[] {
  const folded = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "");
  return (folded.match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !plainStopWords.has(word));
}
