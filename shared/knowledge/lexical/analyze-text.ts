import { createTextAnalyzer } from "./create-text-analyzer.ts";
import type { TextLanguage } from "./detect-language.ts";
import { snowballStem } from "./snowball-stem.ts";
import { spanishStem } from "./spanish-stem.ts";

/**
 * Sabio's analyzer: words folded (case, accents), stop words of both languages dropped, each word
 * then given as its Snowball stem in the text's language (told by its function words; Spanish when
 * unclear) and as its exact form ("=politicas"). Chosen on the SQuAD-es retrieval benchmark
 * (bench/retrieval-squad.ts).
 */
const sabioAnalyzer = createTextAnalyzer({
  stemmers: { es: spanishStem, en: snowballStem("english") },
  fallbackLanguage: "es",
  exactForms: true,
});

/** Terms of a document passage: what `lexicalText` and the lexical vector are built from. */
export function analyzeText(text: string, language?: TextLanguage): string[] {
  return sabioAnalyzer.analyzeText(text, language);
}

/** Terms of a search query: as analyzeText, but a query of unclear language gets both languages' stems. */
export function analyzeQuery(text: string): string[] {
  return sabioAnalyzer.analyzeQuery(text);
}
