import { analyzeQuery } from "#shared/knowledge/lexical/analyze-text.ts";
import { exactFormMarker } from "#shared/knowledge/lexical/create-text-analyzer.ts";
import { tokenizeFolded } from "#shared/knowledge/lexical/tokenize-folded.ts";
import { type AnswerType, answerTypeOf } from "./answer-type.ts";

/** One content word of the question: the stems (either language's) a sentence may match it by. */
export interface QuestionConcept {
  stems: string[];
  /** A number, an acronym or a capitalised name in the question: a more specific ask. */
  specific: boolean;
  /** A word that shapes the question ("can I *get*", "how *long*") more than it names its topic. */
  scaffold: boolean;
}

export interface QuestionAnalysis {
  concepts: QuestionConcept[];
  /** The kind of fact asked for ("how many weeks" → a number of weeks; "when" → a day or date). */
  answerType: AnswerType;
}

/** The quantity words themselves: asked for, never found in the answer. */
const QUANTITY_WORDS = new Set(["many", "much", "cuanto", "cuanta", "cuantos", "cuantas"]);

const SCAFFOLD_WORDS = new Set(
  "get got take need use can way know make want able allow keep happen long often soon usual tengo puedo hacer hay".split(
    " ",
  ),
);

/**
 * The question as concepts, analysed word by word with search's analyzer (folding, stop words,
 * Spanish and English stems) so a sentence matches the way a passage matched the search.
 */
export function analyzeQuestion(question: string): QuestionAnalysis {
  const concepts: QuestionConcept[] = [];
  const seen = new Set<string>();
  const originals = question.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== "");
  const specificWords = new Set(
    originals
      .filter(
        (word, index) => /\d/.test(word) || /^[A-Z]{2,}$/.test(word) || (index > 0 && /^\p{Lu}/u.test(word)),
      )
      .flatMap((word) => tokenizeFolded(word)),
  );
  const answerType = answerTypeOf(question);
  const kindWords = new Set(answerType.kindWords);
  for (const word of tokenizeFolded(question)) {
    if (QUANTITY_WORDS.has(word) || kindWords.has(word) || seen.has(word)) continue;
    seen.add(word);
    const stems = [...new Set(analyzeQuery(word).filter((term) => !term.startsWith(exactFormMarker)))];
    if (stems.length === 0) continue;
    if (concepts.some((concept) => concept.stems.some((stem) => stems.includes(stem)))) continue;
    // The word itself too: its first letters match forms the stemmer cuts shorter ("agree" → "agre"
    // misses "agreement"; "agree" as a prefix does not).
    if (word.length >= 5 && !stems.includes(word)) stems.push(word);
    concepts.push({ stems, specific: specificWords.has(word), scaffold: SCAFFOLD_WORDS.has(word) });
  }
  return { concepts, answerType };
}
