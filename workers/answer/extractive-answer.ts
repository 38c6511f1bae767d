import { analyzeText } from "#shared/knowledge/lexical/analyze-text.ts";
import type { ScoredChunk } from "#shared/knowledge/store/vector-store.ts";
import type { CitedSource } from "#shared/platform/platform.ts";

export const extractiveLabel =
  "Extractive answer (no language model was available) — the most relevant passages:";

const maxPassages = 3;
const maxSentencesPerPassage = 2;
const maxSentenceCharacters = 400;

const segmenter = new Intl.Segmenter(undefined, { granularity: "sentence" });

/** Splits a chunk into sentences (ICU rules), dropping the title/heading lines the chunker adds. */
function sentences(text: string): string[] {
  const body = text.includes("\n\n") ? text.slice(text.indexOf("\n\n") + 2) : text;
  const flat = body.replace(/^#+\s.*$/gm, " ").replace(/\s+/g, " ");
  return [...segmenter.segment(flat)]
    .map((part) => part.segment.trim())
    .filter((sentence) => sentence.length > 0);
}

function bestSentences(text: string, queryTerms: Set<string>): { quotes: string[]; overlap: number } {
  const scored = sentences(text).map((sentence, position) => {
    const terms = new Set(analyzeText(sentence));
    let overlap = 0;
    for (const term of queryTerms) if (terms.has(term)) overlap += 1;
    return { sentence, position, overlap };
  });
  const chosen = scored
    .filter((item) => item.overlap > 0)
    .sort((a, b) => b.overlap - a.overlap || a.position - b.position)
    .slice(0, maxSentencesPerPassage)
    .sort((a, b) => a.position - b.position);
  const picked = chosen.length > 0 ? chosen : scored.slice(0, 1);
  return {
    quotes: picked.map((item) =>
      item.sentence.length > maxSentenceCharacters
        ? `${item.sentence.slice(0, maxSentenceCharacters)}…`
        : item.sentence,
    ),
    overlap: Math.max(0, ...chosen.map((item) => item.overlap)),
  };
}

/**
 * An answer made of the best passages, quoted and cited, for when no model can generate one.
 * Still useful: the reader gets the relevant lines and the links to check.
 */
export function extractiveAnswer(
  question: string,
  results: ScoredChunk[],
): { text: string; sources: CitedSource[] } {
  const queryTerms = new Set(analyzeText(question));
  const sources: CitedSource[] = [];
  const quotes: string[] = [];
  let topOverlap = 0;
  for (const result of results) {
    if (sources.length >= maxPassages) break;
    if (sources.some((source) => source.documentId === result.documentId)) continue;
    const best = bestSentences(result.text, queryTerms);
    // The top passage always counts; later ones only if they match the question about as well,
    // so a weak keyword hit doesn't pad the answer.
    if (sources.length > 0 && best.overlap < Math.max(1, topOverlap * 0.75)) continue;
    topOverlap = Math.max(topOverlap, best.overlap);
    const n = sources.length + 1;
    sources.push({ n, title: result.title, url: result.url, documentId: result.documentId });
    quotes.push(`> ${best.quotes.join(" ")} [${n}]`);
  }
  return { text: `${extractiveLabel}\n\n${quotes.join("\n\n")}`, sources };
}
