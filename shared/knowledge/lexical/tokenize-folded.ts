/** Longer "words" are hashes, base64 or minified code: never searched for, and costly to stem. */
const maxWordLength = 40;

const nonAsciiRun = /[\u0080-\uffff]+/g;
const nonAscii = /[\u0080-\uffff]/;
const asciiWord = /[a-z0-9]+/g;
const unicodeWord = /[\p{L}\p{N}]+/gu;
const combiningMarks = /\p{M}+/gu;
const notWordCharacter = /[^\p{L}\p{N}]/gu;

/** Folded runs of non-ASCII characters ("ó", "ñ", "¿", "“"): a few hundred cover a language. */
const foldedRuns = new Map<string, string>();
const maxCachedRuns = 10_000;

function foldRun(run: string): string {
  let folded = foldedRuns.get(run);
  if (folded === undefined) {
    // NFKD splits "ó" into "o" + a combining accent, which is dropped; ligatures and full-width forms
    // become plain letters. Non-ASCII punctuation ("¿", "—") becomes a space: a word boundary.
    folded = run.normalize("NFKD").replace(combiningMarks, "").replace(notWordCharacter, " ");
    if (run.length <= 8) {
      if (foldedRuns.size >= maxCachedRuns) foldedRuns.clear();
      foldedRuns.set(run, folded);
    }
  }
  return folded;
}

/**
 * Splits text into lowercase words with accents and other diacritics removed ("Canción" → "cancion",
 * "ÁRBOL" → "arbol", "ñ" → "n"), so that queries typed without accents, as people do in chat, still
 * match. Words are runs of Unicode letters and digits; everything else separates them. Words over 40
 * characters are dropped.
 */
export function tokenizeFolded(text: string): string[] {
  // Only the non-ASCII runs are folded (a few percent of Spanish text), through a cache; text left
  // all-ASCII (Latin scripts) is then split with a plain ASCII pattern, the fast path.
  const folded = text.toLowerCase().replace(nonAsciiRun, foldRun);
  const words = folded.match(nonAscii.test(folded) ? unicodeWord : asciiWord) ?? [];
  for (const word of words) {
    if (word.length > maxWordLength) return words.filter((kept) => kept.length <= maxWordLength);
  }
  return words;
}
