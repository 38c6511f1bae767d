import { analyzeText } from "#shared/knowledge/lexical/analyze-text.ts";
import type { ScoredChunk } from "#shared/knowledge/store/vector-store.ts";
import type { CitedSource } from "#shared/platform/platform.ts";

export const extractiveLabel = "Extractive answer (no language model was available) — the most relevant passages:";

const maxPassages = 3;
const maxSentencesPerPassage = 2;
const maxSentenceCharacters = 400;

/** Splits a chunk into sentences, dropping the title/heading prefix line the chunker adds. */
function sentences(text: string): string[] {
  const body = text.includes("\n\n") ? text.slice(text.indexOf("\n\n") + 2) : text;
  return body
    .replace(/^#+\s.*$/gm, " ")
    .replace(/\s+/g, " ")
    .split(/(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑ¿¡0-9"'(*-])/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

function bestSentences(text: string, queryTerms: Set<string>): string[] {
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
  return picked.map((item) =>
    item.sentence.length > maxSentenceCharacters ? `${item.sentence.slice(0, maxSentenceCharacters)}…` : item.sentence,
  );
}

/**
 * An answer made of the best passages, quoted and cited, for when no model can generate one.
 * Still useful: the reader gets the relevant lines and the links to check.
 */
export function extractiveAnswer(question: string, results: ScoredChunk[]): { text: string; sources: CitedSource[] } {
  const queryTerms = new Set(analyzeText(question));
  const sources: CitedSource[] = [];
  const quotes: string[] = [];
  for (const result of results) {
    if (sources.length >= maxPassages) break;
    if (sources.some((source) => source.documentId === result.documentId)) continue;
    const n = sources.length + 1;
    sources.push({ n, title: result.title, url: result.url, documentId: result.documentId });
    quotes.push(`> ${bestSentences(result.text, queryTerms).join(" ")} [${n}]`);
  }
  return { text: `${extractiveLabel}\n\n${quotes.join("\n\n")}`, sources };
}
