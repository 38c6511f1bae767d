import { plainTextTitle } from "#shared/knowledge/plain-text-title.ts";
import type { ScoredChunk } from "#shared/knowledge/store/vector-store.ts";
import type { CitedSource } from "#shared/platform/platform.ts";
import { type ChosenSentence, chooseSentences } from "./extractive/choose-sentences.ts";
import { analyzeQuestion } from "./extractive/question-concepts.ts";
import { splitSentences } from "./extractive/split-sentences.ts";

export const extractiveLabel =
  "Extractive answer (no language model was available) — the most relevant passages:";

/**
 * An answer quoted from the passages, for when no model can generate one: the 2–4 sentences that
 * best answer the question, each with its neighbouring sentence (see chooseSentences), grouped by document in reading order, each with
 * its [n]; one source per document, numbered 1..k in the order they are quoted.
 */
export function extractiveAnswer(
  question: string,
  results: ScoredChunk[],
): { text: string; sources: CitedSource[] } {
  let chosen = chooseSentences(analyzeQuestion(question), results);
  // Nothing in the passages matches a word of the question: quote the top passage's opening.
  if (chosen.length === 0) chosen = openingOf(results);
  const documents: { passage: ScoredChunk; sentences: ChosenSentence[] }[] = [];
  for (const sentence of chosen) {
    const group = documents.find((item) => item.passage.documentId === sentence.passage.documentId);
    if (group) group.sentences.push(sentence);
    else documents.push({ passage: sentence.passage, sentences: [sentence] });
  }
  const sources: CitedSource[] = [];
  const quotes: string[] = [];
  for (const { passage, sentences } of documents) {
    const n = sources.length + 1;
    sources.push({
      n,
      title: plainTextTitle(passage.title),
      url: passage.url,
      documentId: passage.documentId,
    });
    const inReadingOrder = sentences.sort(
      (a, b) => a.passage.chunkIndex - b.passage.chunkIndex || a.unit.position - b.unit.position,
    );
    for (const sentence of inReadingOrder) quotes.push(`> ${sentence.unit.text} [${n}]`);
  }
  return { text: `${extractiveLabel}\n\n${quotes.join("\n\n")}`, sources };
}

function openingOf(results: ScoredChunk[]): ChosenSentence[] {
  const passage = results[0];
  if (!passage) return [];
  const unit = splitSentences(passage.text)[0];
  return unit ? [{ passage, unit }] : [];
}
