import { analyzeText } from "#shared/knowledge/lexical/analyze-text.ts";
import { exactFormMarker } from "#shared/knowledge/lexical/create-text-analyzer.ts";
import { detectLanguage, type TextLanguage } from "#shared/knowledge/lexical/detect-language.ts";
import { tokenizeFolded } from "#shared/knowledge/lexical/tokenize-folded.ts";

/** A question as the answer bank compares it: its content words and what must agree exactly. */
export interface QuestionTerms {
  /**
   * Content words, each as its stems (one in a known language; Spanish and English ones when the
   * language can't be told), repeats dropped. Two words match when they share a stem.
   */
  words: string[][];
  /** Numbers, years, versions ("2024", "v2", "q3"): never synonyms of each other. */
  numbers: string[];
  /** Whether the question is negated ("not", "aren't", "no", "sin"…). */
  negated: boolean;
}

const languages: TextLanguage[] = ["es", "en"];
const negations = new Set(
  "not no never without cannot nobody nothing none nunca sin tampoco ni nadie nada ninguno ninguna".split(
    " ",
  ),
);

/**
 * Words that frame a question rather than name what it asks about ("what's the process to…",
 * "where can I find…", "am I allowed to…", "¿dónde encuentro…?"): a rephrasing adds or drops them
 * freely, so they don't count for or against a match. Folded, as tokens are.
 */
const framingWords = new Set(
  (
    "allowed possible process way find get gets getting every per please know tell need want " +
    "puedo puede pueden podemos posible proceso forma manera encuentro encontrar encuentra saber " +
    "quiero necesito cada"
  ).split(" "),
);

/**
 * The analyzer's stems (shared/knowledge/lexical: folded, stop words of both languages dropped,
 * Snowball), taken word by word so that a word's two stems in a question of unclear language stay
 * one word. Exact forms are left out: an inflection ("reset"/"resetting") must not count against a
 * rephrasing.
 */
export function questionTerms(text: string): QuestionTerms {
  const tokens = tokenizeFolded(spelledOut(text));
  const language = detectLanguage(tokens);
  const words: string[][] = [];
  const seen = new Set<string>();
  for (const token of new Set(tokens)) {
    if (framingWords.has(token)) continue;
    const stems = new Set<string>();
    for (const each of language ? [language] : languages) {
      for (const term of analyzeText(token, each)) if (!term.startsWith(exactFormMarker)) stems.add(term);
    }
    if (stems.size === 0) continue;
    const key = [...stems].sort().join(" ");
    if (seen.has(key)) continue;
    seen.add(key);
    words.push([...stems]);
  }
  const numbers = [...new Set(tokens.filter((token) => /[0-9]/.test(token)))].sort();
  return { words, numbers, negated: tokens.some((token) => negations.has(token)) };
}

/**
 * "Wi-Fi" and "wifi", "on-call" and "oncall" are one word; "aren't" is "are not" (the tokenizer
 * would leave "aren" as a content word and lose the negation).
 */
function spelledOut(text: string): string {
  return text
    .replace(/(\p{L})[-‐](?=\p{L})/gu, "$1")
    .replace(/\bcan['’]t\b/gi, "cannot")
    .replace(/\bwon['’]t\b/gi, "will not")
    .replace(/n['’]t\b/gi, " not");
}
