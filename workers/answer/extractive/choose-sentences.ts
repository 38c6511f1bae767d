import { analyzeText } from "#shared/knowledge/lexical/analyze-text.ts";
import { exactFormMarker } from "#shared/knowledge/lexical/create-text-analyzer.ts";
import { detectLanguage } from "#shared/knowledge/lexical/detect-language.ts";
import { tokenizeFolded } from "#shared/knowledge/lexical/tokenize-folded.ts";
import type { ScoredChunk } from "#shared/knowledge/store/vector-store.ts";
import { answerTypeMatch } from "./answer-type.ts";
import { isNearDuplicate } from "./near-duplicate.ts";
import type { QuestionAnalysis } from "./question-concepts.ts";
import { type SentenceUnit, splitSentences } from "./split-sentences.ts";

export interface ChosenSentence {
  passage: ScoredChunk;
  unit: SentenceUnit;
}

interface Candidate extends ChosenSentence {
  rank: number;
  terms: Set<string>;
  /** Per question concept: 1 matched in the sentence, 0.5 only in its headings or lead-in, 0 not at all. */
  matches: number[];
  base: number;
  /** How well it holds the kind of fact asked for (answer-type.ts): 0, 0.5 or 1. */
  typeMatch: number;
}

const maxSentences = 4;
/** A sentence with no new question term is still kept while fewer than two are chosen, if this close. */
const secondSentenceShare = 0.6;
/** A later sentence adding question terms must still score this share of the best one. */
const laterSentenceShare = 0.35;
/** A sentence holding the kind of fact asked for ("how many weeks" → "12 weeks") scores this much more. */
const answerTypeBonus = 0.3;
const specificWeight = 1.5;
const scaffoldWeight = 0.3;
/** Sentences are quoted from at most this many documents. */
const maxDocuments = 3;
/**
 * A sentence from a page not quoted yet gains this much: when two pages state the fact about as well,
 * quoting both lets the reader check a second source (search's top page is not always the one meant).
 */
const newDocumentBonus = 0.03;

/**
 * The 2–4 sentences of the passages that best answer the question, MMR-style: each next sentence
 * is the one adding the most question terms not yet covered (rarer terms weigh more: IDF over the
 * candidate sentences; numbers, acronyms and names in the question more still), so a question with
 * two asks gets a sentence for each; the first comes from search's top passage when it matches at
 * all. Each is quoted with its neighbouring sentence (addContext), at most 6 in all. Near-duplicates
 * (the same fact in two files) are never repeated.
 */
export function chooseSentences(question: QuestionAnalysis, passages: ScoredChunk[]): ChosenSentence[] {
  const { concepts } = question;
  if (concepts.length === 0) return [];
  const candidates = passages.flatMap((passage, rank) => candidatesOf(passage, rank, question));
  if (candidates.length === 0) return [];

  const weights = concepts.map((_, index) => {
    const documentFrequency = candidates.filter((candidate) => candidate.matches[index] === 1).length;
    const idf = Math.log(1 + candidates.length / (1 + documentFrequency));
    const concept = concepts[index];
    return idf * (concept?.specific ? specificWeight : concept?.scaffold ? scaffoldWeight : 1);
  });
  const total = weights.reduce((sum, weight) => sum + weight, 0) || 1;
  const coverage = (matches: number[]) =>
    matches.reduce((sum, match, index) => sum + match * (weights[index] ?? 0), 0) / total;
  for (const candidate of candidates) {
    const rankPrior = 0.05 * (1 - candidate.rank / passages.length);
    candidate.base = coverage(candidate.matches) + answerTypeBonus * candidate.typeMatch + rankPrior;
  }

  // Search's top document is usually the right page: its best sentence (from any of its passages) leads.
  const topDocument = passages[0]?.documentId;
  const topPassages = candidates.filter((candidate) => candidate.passage.documentId === topDocument);
  const topMatches = topPassages.some((candidate) => candidate.matches.some((match) => match > 0));
  const chosen: Candidate[] = [];
  const covered = concepts.map(() => 0);
  let typeAnswered = 0;
  while (chosen.length < maxSentences) {
    let best: { candidate: Candidate; gain: number; added: number } | undefined;
    const pool = chosen.length === 0 && topMatches ? topPassages : candidates;
    const documents = new Set(chosen.map((candidate) => candidate.passage.documentId));
    for (const candidate of pool) {
      if (chosen.includes(candidate) || candidate.matches.every((match) => match === 0)) continue;
      if (documents.size >= maxDocuments && !documents.has(candidate.passage.documentId)) continue;
      if (chosen.some((other) => isNearDuplicate(other.terms, candidate.terms))) continue;
      const added = coverage(
        candidate.matches.map((match, index) => Math.max(0, match - (covered[index] ?? 0))),
      );
      const answersType = Math.max(0, candidate.typeMatch - typeAnswered);
      const newDocument = documents.size > 0 && !documents.has(candidate.passage.documentId);
      const gain =
        added + answerTypeBonus * answersType + 0.35 * candidate.base + (newDocument ? newDocumentBonus : 0);
      if (!best || gain > best.gain) best = { candidate, gain, added };
    }
    if (!best) break;
    const first = chosen[0];
    if (first) {
      const closeEnough = best.candidate.base >= secondSentenceShare * first.base;
      const addsTerms = best.added > 0 && best.candidate.base >= laterSentenceShare * first.base;
      if (!addsTerms && !(chosen.length < 2 && closeEnough)) break;
    }
    chosen.push(best.candidate);
    best.candidate.matches.forEach((match, index) => {
      covered[index] = Math.max(covered[index] ?? 0, match);
    });
    typeAnswered = Math.max(typeAnswered, best.candidate.typeMatch);
  }
  return addContext(chosen, candidates).map(({ passage, unit }) => ({ passage, unit }));
}

/** Chosen sentences plus the context quoted around them: never more than this many in all. */
const maxQuoted = 6;
/** A sentence opening with one of these leans on the one before it ("This is…", "Fue…"). */
const REFERS_BACK =
  /^(?:this|that|these|those|it|its|they|their|he|she|his|her|such|esto|esta|este|estos|estas|eso|esa|ese|ello|fue|era|su|sus)\b/i;

/**
 * Each chosen sentence with its neighbour in the passage: the next one (a passage often names the
 * thing and states the fact in the sentence after: "…a minimum alcohol content." "It was 25 %.")
 * and, when it opens by referring back, the one before. Near-duplicates are skipped as before.
 */
function addContext(chosen: Candidate[], candidates: Candidate[]): Candidate[] {
  const quoted = [...chosen];
  const neighbour = (of: Candidate, offset: number) =>
    candidates.find(
      (candidate) =>
        candidate.passage === of.passage && candidate.unit.position === of.unit.position + offset,
    );
  const add = (candidate: Candidate | undefined) => {
    if (!candidate || quoted.length >= maxQuoted || quoted.includes(candidate)) return;
    if (quoted.some((other) => isNearDuplicate(other.terms, candidate.terms))) return;
    quoted.push(candidate);
  };
  for (const sentence of chosen) {
    if (REFERS_BACK.test(sentence.unit.analysisText.trim())) add(neighbour(sentence, -1));
    add(neighbour(sentence, 1));
  }
  return quoted;
}

function candidatesOf(passage: ScoredChunk, rank: number, question: QuestionAnalysis): Candidate[] {
  const units = splitSentences(passage.text);
  const language = detectLanguage(tokenizeFolded(units.map((unit) => unit.analysisText).join(" ")));
  const stemsOf = (text: string) =>
    new Set(analyzeText(text, language).filter((term) => !term.startsWith(exactFormMarker)));
  const headingTerms = new Map<string, Set<string>>();
  return units.map((unit) => {
    const terms = stemsOf(unit.analysisText);
    const context = `${unit.heading}\n${unit.leadIn}`;
    let inContext = headingTerms.get(context);
    if (!inContext) {
      inContext = stemsOf(context);
      headingTerms.set(context, inContext);
    }
    const contextTerms = inContext;
    const matches = question.concepts.map((concept) =>
      concept.stems.some((stem) => matchesTerm(stem, terms))
        ? 1
        : concept.stems.some((stem) => matchesTerm(stem, contextTerms))
          ? 0.5
          : 0,
    );
    const typeMatch = answerTypeMatch(question.answerType, unit.analysisText, unit.text);
    return { passage, unit, rank, terms, matches, base: 0, typeMatch };
  });
}

/**
 * A question stem of at least this many letters also matches a sentence word starting the same way:
 * inflections the stemmer leaves apart (Spanish verb forms, "reimburse"/"reimbursement"), as the
 * relevance gate does (shared/knowledge/relevance.ts).
 */
const prefixLength = 5;

function matchesTerm(stem: string, terms: ReadonlySet<string>): boolean {
  if (terms.has(stem)) return true;
  if (stem.length < prefixLength) return false;
  const prefix = stem.slice(0, prefixLength);
  for (const term of terms) if (term.startsWith(prefix)) return true;
  return false;
}
