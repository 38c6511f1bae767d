import type { Db } from "#shared/db/database.ts";
import { type BankRow, bankLatest, bankRowCount, bankRows } from "./bank-rows.ts";
import type { BankThresholds } from "./bank-thresholds.ts";
import {
  type ComparedQuestion,
  comparedQuestion,
  dot,
  matchQuestion,
  type QuestionMatch,
} from "./match-question.ts";
import {
  type StemFrequencies,
  stemFrequencies,
  type WeightedQuestion,
  weighQuestion,
} from "./question-similarity.ts";
import { questionTerms } from "./question-terms.ts";

/** An approved question held in memory, ready to compare. */
interface IndexedQuestion extends ComparedQuestion {
  questionId: string;
  servable: boolean;
  embedModel: string | null;
}

export interface Candidate extends QuestionMatch {
  questionId: string;
}

/**
 * One workspace's approved questions in memory: terms, weights and unit vectors. A look-up
 * compares the question with those sharing a stem (a posting list per stem) and, when embedded,
 * scans every vector (an approval is a person's act: thousands per workspace, not millions; see
 * docs/BENCHMARKS.md). Each look-up first asks PostgreSQL when the bank last changed (an
 * index-only read) and loads only what was (re-)indexed since, so every process sees every approval.
 */
export interface WorkspaceBankIndex {
  /** Brings the copy up to date with the database. */
  refresh(db: Db): Promise<void>;
  /** Servable approved questions matching, best first. */
  candidates(asked: { text: string; vector: number[] | null }, embedModel: string | null): Candidate[];
  /** How many servable approvals are held (none = nothing to embed the question for). */
  readonly servable: number;
}

/** How often a look-up also counts the bank's rows, to notice dropped approvals. */
const recountEveryMs = 30_000;

export function createWorkspaceBankIndex(
  workspaceId: string,
  thresholds: BankThresholds,
  now: () => number,
): WorkspaceBankIndex {
  const entries = new Map<string, IndexedQuestion>();
  const postings = new Map<string, Set<IndexedQuestion>>();
  let loadedUntil: number | null = null;
  let countedAt = Number.NEGATIVE_INFINITY;
  let frequencies: StemFrequencies = stemFrequencies([]);
  let servable = 0;

  const add = (row: BankRow) => {
    const terms = questionTerms(row.question);
    entries.set(row.questionId, {
      questionId: row.questionId,
      ...comparedQuestion(terms, row.embedding, frequencies),
      embedModel: row.embedModel,
      servable: row.servable,
    });
  };

  // Weights depend on the whole bank, so they (and the posting lists) are rebuilt when it changes.
  const rebuild = () => {
    const held = [...entries.values()];
    frequencies = stemFrequencies(held.map((entry) => entry.terms));
    postings.clear();
    servable = 0;
    for (const entry of held) {
      entry.weighted = weighQuestion(entry.terms, frequencies);
      if (!entry.servable) continue;
      servable += 1;
      for (const stem of entry.weighted.stems) {
        let posting = postings.get(stem);
        if (!posting) {
          posting = new Set();
          postings.set(stem, posting);
        }
        posting.add(entry);
      }
    }
  };

  return {
    get servable() {
      return servable;
    },

    async refresh(db) {
      const latest = await bankLatest(db, workspaceId);
      const moved = latest !== loadedUntil;
      if (!moved && now() - countedAt < recountEveryMs) return;
      let changed = false;
      if (moved) {
        // Additions and re-indexing move `latest` forward: only those rows are read.
        for (const row of await bankRows(db, workspaceId, loadedUntil ?? undefined)) add(row);
        loadedUntil = latest;
        changed = true;
      }
      // A dropped approval only lowers the count (checked now and then, and whenever the bank
      // moved): then the workspace is read afresh. Until then it is merely held: its approval is
      // re-read before serving, so it is never served.
      const rows = await bankRowCount(db, workspaceId);
      countedAt = now();
      if (rows !== entries.size) {
        entries.clear();
        for (const row of await bankRows(db, workspaceId)) add(row);
        changed = true;
      }
      if (changed) rebuild();
    },

    candidates(asked, embedModel) {
      const question = comparedQuestion(questionTerms(asked.text), asked.vector, frequencies);
      const compared = new Set<IndexedQuestion>();
      for (const stem of filterStems(question.weighted, thresholds.lexical)) {
        for (const entry of postings.get(stem) ?? []) compared.add(entry);
      }
      if (question.vector) {
        for (const entry of entries.values()) {
          // Another model's vector is not comparable: that entry is matched lexically until re-embedded.
          if (entry.servable && entry.vector && entry.embedModel === embedModel) {
            if (dot(question.vector, entry.vector) >= thresholds.dense) compared.add(entry);
          }
        }
      }
      const found: Candidate[] = [];
      for (const entry of compared) {
        const approved = entry.embedModel === embedModel ? entry : { ...entry, vector: null };
        const match = matchQuestion(question, approved, thresholds);
        if (match) found.push({ questionId: entry.questionId, ...match });
      }
      return found.sort((left, right) => right.margin - left.margin);
    },
  };
}

/**
 * The stems an approved question must share with this one to reach the lexical threshold (prefix
 * filtering): a harmonic mean ≥ t needs this question covered ≥ t / (2 − t), so a question missing
 * all of its rarest words, once they weigh more than the rest may miss, can't match. Their posting
 * lists are short; the common words' (every question says "office") are never walked.
 */
function filterStems(question: WeightedQuestion, threshold: number): string[] {
  const minCoverage = threshold / (2 - threshold);
  const order = question.weights
    .map((weight, index) => ({ weight, index }))
    .sort((a, b) => b.weight - a.weight);
  const stems: string[] = [];
  let taken = 0;
  for (const { weight, index } of order) {
    stems.push(...(question.words[index] ?? []));
    taken += weight;
    if (taken > (1 - minCoverage) * question.total) break;
  }
  return stems;
}
