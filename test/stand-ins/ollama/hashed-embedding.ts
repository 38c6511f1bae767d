/** EmbeddingGemma's native size. */
export const nativeEmbeddingDimensions = 768;

/** Function words carry no topic: left out so that shared topic words decide similarity. */
const stopWords = new Set(
  (
    "a an and are as at be by can do does for from has have how i in is it its me my of on or our " +
    "that the their there this to was we what when where which who why will with you your"
  ).split(" "),
);

/** The task prefixes the Sabio embedder adds; stripped so they do not make every text alike. */
export function stripTaskPrefix(text: string): string {
  const query = /^task: [^|]*\| query: /.exec(text);
  if (query) return text.slice(query[0].length);
  const document = /^title: (.*?) \| text: /s.exec(text);
  if (document) {
    const title = document[1] === "none" ? "" : `${document[1]} `;
    return title + text.slice(document[0].length);
  }
  return text;
}

/** Lower-cased, accent-free words, without function words. */
export function foldedWords(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "" && !stopWords.has(word));
}

/**
 * A deterministic embedding that carries meaning: a hashed bag of words, unit length. Each word lands
 * in the first 64, the first 256 and all 768 slots, so a Matryoshka-truncated vector keeps every word
 * (with more collisions the shorter it gets), as a real Matryoshka model keeps the coarse meaning.
 */
export function hashedEmbedding(text: string, dimensions = nativeEmbeddingDimensions): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = foldedWords(stripTaskPrefix(text));
  for (const word of words) {
    const hash = fnv1a(word);
    for (const [index, span] of [64, 256, dimensions].entries()) {
      const mixed = fnv1a(`${index}:${word}`) ^ hash;
      const slot = (mixed >>> 1) % Math.min(span, dimensions);
      vector[slot] = (vector[slot] ?? 0) + (mixed & 1 ? 1 : -1);
    }
  }
  const norm = Math.hypot(...vector);
  // An empty text still gets a unit vector, as a real model would give one.
  if (norm === 0) return vector.map(() => 1 / Math.sqrt(dimensions));
  return vector.map((value) => value / norm);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
