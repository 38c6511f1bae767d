import { ambiguousStopWords, englishStopWords, spanishStopWords } from "./stop-words.ts";

export type TextLanguage = "es" | "en";

const spanishOnly = new Set([...spanishStopWords].filter((word) => !englishStopWords.has(word)));
const englishOnly = new Set([...englishStopWords].filter((word) => !spanishStopWords.has(word)));
for (const word of ambiguousStopWords) {
  spanishOnly.delete(word);
  englishOnly.delete(word);
}

/**
 * Spanish or English, by which language's function words appear more often among the folded words;
 * undefined when neither does (a heading, a code block, a two-word query). Function words are the
 * cheapest reliable signal: a dozen words of running text is enough.
 */
export function detectLanguage(words: readonly string[]): TextLanguage | undefined {
  let spanish = 0;
  let english = 0;
  for (const word of words) {
    if (spanishOnly.has(word)) spanish++;
    else if (englishOnly.has(word)) english++;
  }
  if (spanish > english) return "es";
  if (english > spanish) return "en";
  return undefined;
}
