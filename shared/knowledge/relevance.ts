import { analyzeQuery, analyzeText } from "./lexical/analyze-text.ts";
import { exactFormMarker } from "./lexical/create-text-analyzer.ts";
import { tokenizeFolded } from "./lexical/tokenize-folded.ts";

/**
 * Relevance a person (and the answer gate) can read: how much of a question a passage covers, 0–1.
 * Fused search scores only order one result list (reciprocal-rank fusion), so they say nothing about
 * whether the best result is any good; this does, the same way for every question and corpus.
 */

/** A question's content words, each as the stems search would match it on, with its weight. */
export interface QuestionTerms {
  words: { word: string; stems: string[]; weight: number }[];
}

/** Numbers and names asked about are rarely incidental: missing one means the passage is about something else. */
const numberWeight = 2;
const entityWeight = 2;
/**
 * Words that shape a question rather than name its topic ("how *long*", "what *year*", "can I *get*"),
 * English and Spanish (folded): half weight, so a passage matching only them and one topic word does
 * not look relevant.
 */
const scaffoldWeight = 0.5;
const scaffoldWords = new Set(
  (
    "many much long often soon far ahead usual usually get take need use can way know make want able allow " +
    "keep kept happen year name type kind number amount ano anos nombre tipo numero cantidad llama llamado"
  ).split(" "),
);
/**
 * Words of at least this many letters also match a passage word with the same first letters: inflections
 * the stemmer leaves apart (Spanish verb forms, "reimburse"/"reimbursement"). Chosen on the answer-quality
 * bench (bench/answer-quality.ts): it lowered wrong refusals on SQuAD-es v2 without refusing less.
 */
const prefixLength = 5;

/** Capitalised words past the first, and acronyms: names of things, tools, programmes. */
function entityWords(question: string): Set<string> {
  const entities = new Set<string>();
  const raw = question.match(/[\p{L}\p{N}]+/gu) ?? [];
  raw.forEach((word, index) => {
    if ((index > 0 && /^\p{Lu}/u.test(word)) || /^\p{Lu}{2,}$/u.test(word)) {
      for (const folded of tokenizeFolded(word)) entities.add(folded);
    }
  });
  return entities;
}

export function questionTerms(question: string): QuestionTerms {
  const entities = entityWords(question);
  const seen = new Set<string>();
  const words: QuestionTerms["words"] = [];
  for (const word of tokenizeFolded(question)) {
    if (seen.has(word)) continue;
    seen.add(word);
    // The search analyzer on the single word: stop words come back empty, stems as search makes them.
    const stems = analyzeQuery(word).filter((term) => !term.startsWith(exactFormMarker));
    if (stems.length === 0) continue;
    const weight = /[0-9]/.test(word)
      ? numberWeight
      : entities.has(word)
        ? entityWeight
        : scaffoldWords.has(word)
          ? scaffoldWeight
          : 1;
    words.push({ word, stems, weight });
  }
  return { words };
}

/**
 * The weighted share of the question's content words found in the passage (title included), on the
 * stems search uses or a shared prefix. 0 for a question with no content words.
 */
export function passageRelevance(terms: QuestionTerms, passage: { title: string; text: string }): number {
  const total = terms.words.reduce((sum, word) => sum + word.weight, 0);
  if (total === 0) return 0;
  const text = `${passage.title}\n${passage.text}`;
  const stems = new Set(analyzeText(text));
  const prefixes = new Set<string>();
  for (const word of tokenizeFolded(text)) {
    if (word.length >= prefixLength) prefixes.add(word.slice(0, prefixLength));
  }
  let covered = 0;
  for (const { word, stems: wordStems, weight } of terms.words) {
    const prefixMatch = word.length >= prefixLength && prefixes.has(word.slice(0, prefixLength));
    if (prefixMatch || wordStems.some((stem) => stems.has(stem))) covered += weight;
  }
  return covered / total;
}

/** Relevance of each passage to the question, in the passages' order. */
export function relevanceScores(
  question: string,
  passages: readonly { title: string; text: string }[],
): number[] {
  const terms = questionTerms(question);
  return passages.map((passage) => passageRelevance(terms, passage));
}
