import { passageRelevance, questionTerms } from "#shared/knowledge/relevance.ts";
import { citedNumbers } from "#workers/answer/cited-sources.ts";
import { relevanceThreshold } from "#workers/answer/relevance-gate.ts";
import { refusalFor } from "./refusal-text.ts";
import { seededRandom, shuffled, stableFraction } from "./seeded-random.ts";
import type { ExamplePassage, TrainingExample } from "./training-example.ts";

/**
 * RAFT (arXiv 2403.10131): the model learns to find the cited passages among others and to say so
 * when none of them answers. Every approved answer keeps its served example; on top of it, about half
 * get a copy whose cited passages sit among passages of other documents (RAFT's gold share P was
 * best at 40–100 %; the served example is already "gold + the search's near misses"), and a quarter a
 * copy with only such passages that refuses — enough to teach refusing without teaching it to refuse
 * what the sources do cover.
 */
export const raftSettings = {
  distractorShare: 0.5,
  refusalShare: 0.25,
  /** RAFT's setting: 1 gold and 4 distractor documents. */
  distractorsPerExample: 4,
  /** Pool draws per example before giving up on finding enough distractors. */
  maxDraws: 40,
} as const;

/**
 * The extra examples of one approved answer, chosen and shuffled by its question id and the seed
 * (a rebuild makes the same ones). `pool` is every passage served in the workspace; a distractor is
 * never from a document of the answer's own prompt, and a refusal's distractors are also below the
 * answer gate's relevance threshold for the question, so they really don't cover it.
 */
export function raftExamples(
  base: TrainingExample,
  pool: readonly ExamplePassage[],
  seed: string,
): TrainingExample[] {
  const served = new Set(base.passages.map((passage) => passage.servedNumber));
  const cited = citedNumbers(base.answer);
  // An answer citing nothing has no gold to hide; one citing a number it wasn't given can't be renumbered.
  if (cited.length === 0 || cited.some((n) => !served.has(n))) return [];
  const ownDocuments = new Set(base.passages.map((passage) => passage.documentId));
  const extras: TrainingExample[] = [];

  if (stableFraction(seed, base.questionId, "distractor") < raftSettings.distractorShare) {
    const random = seededRandom(seed, base.questionId, "distractor");
    const distractors = draw(pool, ownDocuments, random, () => true);
    if (distractors.length > 0) {
      const gold = base.passages.filter((passage) => cited.includes(passage.servedNumber ?? -1));
      extras.push({ ...base, kind: "distractor", passages: shuffled([...gold, ...distractors], random) });
    }
  }

  if (stableFraction(seed, base.questionId, "refusal") < raftSettings.refusalShare) {
    const random = seededRandom(seed, base.questionId, "refusal");
    const terms = questionTerms(base.question);
    const distractors = draw(
      pool,
      ownDocuments,
      random,
      (passage) => passageRelevance(terms, passage) < relevanceThreshold,
    );
    if (distractors.length > 0) {
      extras.push({ ...base, kind: "refusal", passages: distractors, answer: refusalFor(base.question) });
    }
  }
  return extras;
}

function draw(
  pool: readonly ExamplePassage[],
  excludedDocuments: ReadonlySet<string>,
  random: () => number,
  accept: (passage: ExamplePassage) => boolean,
): ExamplePassage[] {
  const picked: ExamplePassage[] = [];
  const seen = new Set<string>();
  for (let attempt = 0; attempt < raftSettings.maxDraws && pool.length > 0; attempt++) {
    if (picked.length >= raftSettings.distractorsPerExample) break;
    const passage = pool[Math.floor(random() * pool.length)] as ExamplePassage;
    if (seen.has(passage.chunkId) || excludedDocuments.has(passage.documentId)) continue;
    seen.add(passage.chunkId);
    if (accept(passage)) picked.push({ ...passage, servedNumber: null });
  }
  return picked;
}
