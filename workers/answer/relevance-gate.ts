import { passageRelevance, questionTerms } from "#shared/knowledge/relevance.ts";
import type { ScoredChunk } from "#shared/knowledge/store/vector-store.ts";
import type { CitedSource } from "#shared/platform/platform.ts";

/**
 * Below this best-passage relevance (shared/knowledge/relevance.ts) the documents are taken not to
 * cover the question: the answer says so, lists the closest pages, and no model is asked.
 *
 * Calibrated on the answer-quality bench (`npm run bench -- answers`, lexical-only search, 6 passages;
 * docs/BENCHMARKS.md "Answer quality"): the highest threshold that keeps wrong refusals at or under
 * 5 % on BOTH parts — our handbook questions (52 answerable, 48 asked of the handbook that cannot
 * answer them) and SQuAD-es v2 (every 4th question; 962 answerable, 822 adversarial unanswerable).
 * On 2026-12-02, at 0.50: handbooks refuse 48 % of the unanswerable, 0 % of the answerable; SQuAD-es
 * v2 6 % / 4.2 %. At 0.55 SQuAD's wrong refusals jump to 10 % (translated questions paraphrase their
 * paragraph), so 0.50 it is. SQuAD 2.0's unanswerables are written to match their own paragraph
 * word for word and are out of reach of a lexical gate; the cross-handbook ones are the realistic case.
 * The dense cosine is not used: no embedding model runs where this was calibrated, and the gate must
 * work without one. Search's own scores are not used either: fused ranks, not evidence strength.
 */
export const relevanceThreshold = 0.5;

/** Closest pages offered when the documents don't cover the question. */
const maxRelated = 3;

export const notCoveredText = "I couldn't find this in the team's documents, so I won't guess.";
export const notCoveredWithRelatedText = `${notCoveredText} These pages came closest and may be related:`;

/** Why the answer is "not covered", as the served record keeps it. */
export type NotCoveredReason = "no_results" | "weak_evidence" | "uncited_answer";

export interface GateDecision {
  covered: boolean;
  /** Best relevance of any passage to the question (0–1). */
  relevance: number;
  threshold: number;
  /** Relevance of each passage, in result order. */
  scores: number[];
}

/**
 * Scores every passage against the question and, for a follow-up, against the question with its
 * context (what was searched): either covering it well enough is enough.
 */
export function relevanceGate(
  question: string,
  searchQuery: string,
  passages: readonly ScoredChunk[],
  threshold = relevanceThreshold,
): GateDecision {
  const queries = searchQuery === question ? [question] : [question, searchQuery];
  const terms = queries.map(questionTerms);
  const scores = passages.map((passage) => Math.max(...terms.map((term) => passageRelevance(term, passage))));
  const relevance = Math.max(0, ...scores);
  return { covered: passages.length > 0 && relevance >= threshold, relevance, threshold, scores };
}

/** One entry per document, in search order: the pages a reader might still want to look at. */
export function relatedPages(passages: readonly ScoredChunk[], limit = maxRelated): CitedSource[] {
  const related: CitedSource[] = [];
  for (const passage of passages) {
    if (related.length >= limit) break;
    if (related.some((page) => page.documentId === passage.documentId)) continue;
    related.push({
      n: related.length + 1,
      title: passage.title,
      url: passage.url,
      documentId: passage.documentId,
    });
  }
  return related;
}

/** The reply text for a question the documents don't cover. */
export function notCoveredReplyText(related: readonly CitedSource[]): string {
  return related.length > 0 ? notCoveredWithRelatedText : notCoveredText;
}
