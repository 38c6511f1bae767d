import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { analyzeQuery, analyzeText } from "../shared/knowledge/lexical/analyze-text.ts";
import {
  createTextAnalyzer,
  type TextAnalyzerOptions,
} from "../shared/knowledge/lexical/create-text-analyzer.ts";
import { lexicalVector, queryLexicalVector } from "../shared/knowledge/lexical/lexical-vector.ts";
import { snowballStem } from "../shared/knowledge/lexical/snowball-stem.ts";
import { spanishStem } from "../shared/knowledge/lexical/spanish-stem.ts";
import { createBm25Index, plainBm25Terms } from "./plain-bm25.ts";

/**
 * Retrieval quality of the lexical path on SQuAD-es (see docs/BENCHMARKS.md): every paragraph of the
 * dev set is one document, every question is searched; a hit at k = its own paragraph in the first k.
 * The plain BM25 reference is computed in the same run. `node bench/retrieval-squad.ts` prints it.
 */

export interface RetrievalDocument {
  id: string;
  title: string;
  text: string;
}

/** A retrieval path under test, e.g. the real store: index every document, then search. */
export interface RetrievalPath {
  index(documents: RetrievalDocument[]): Promise<void>;
  /** Ids of the best `limit` documents for a query, best first. */
  search(query: string, limit: number): Promise<string[]>;
}

export interface RetrievalScore {
  name: string;
  hitAt1: number;
  hitAt5: number;
  /** Mean reciprocal rank of the own paragraph within the first 10 results (0 beyond). */
  mrr: number;
  seconds: number;
}

export interface RetrievalBenchResult {
  documents: number;
  questions: number;
  scores: RetrievalScore[];
}

const repositoryRoot = path.resolve(import.meta.dirname, "..");
export const squadEsPath = path.resolve(
  repositoryRoot,
  "../shared/datasets/qa/squad-es/dev-v1.1-es_small.json",
);
const resultLimit = 10;
const reference = { k1: 0.9, b: 0.4 };
/** LanceDB's full-text index scores with fixed BM25 parameters, Lucene's defaults. */
const lucene = { k1: 1.2, b: 0.75 };

interface Squad {
  documents: RetrievalDocument[];
  questions: { text: string; documentId: string }[];
}

function loadSquad(file: string): Squad {
  const squad = JSON.parse(readFileSync(file, "utf8")) as {
    data: { title: string; paragraphs: { context: string; qas: { question: string }[] }[] }[];
  };
  const documents: RetrievalDocument[] = [];
  const questions: Squad["questions"] = [];
  for (const article of squad.data) {
    for (const paragraph of article.paragraphs) {
      const id = `p${documents.length}`;
      documents.push({ id, title: article.title.replaceAll("_", " "), text: paragraph.context });
      for (const qa of paragraph.qas) questions.push({ text: qa.question, documentId: id });
    }
  }
  return { documents, questions };
}

type Analyze = (text: string) => string[];

/** In-memory BM25 over the terms an analyzer gives. Documents are their `text` only, as for the reference. */
function bm25Path(parameters: { k1: number; b: number }, document: Analyze, query: Analyze): RetrievalPath {
  const bm25 = createBm25Index(parameters);
  return {
    async index(documents) {
      for (const { id, text } of documents) bm25.add(id, document(text));
    },
    async search(text, limit) {
      return bm25.search(query(text), limit);
    },
  };
}

function variantPath(options: TextAnalyzerOptions): RetrievalPath {
  const analyzer = createTextAnalyzer(options);
  return bm25Path(lucene, analyzer.analyzeText, analyzer.analyzeQuery);
}

/**
 * What Qdrant does with Sabio's sparse vectors: stored BM25 weights (default parameters, fixed
 * average length) times IDF, summed over the query's hashed terms. Checks the vector path end to end.
 */
function sparseVectorPath(): RetrievalPath {
  const ids: string[] = [];
  const postings = new Map<number, { document: number; weight: number }[]>();
  return {
    async index(documents) {
      for (const { id, text } of documents) {
        const vector = lexicalVector(analyzeText(text));
        vector.indices.forEach((index, position) => {
          const list = postings.get(index) ?? [];
          list.push({ document: ids.length, weight: vector.values[position] ?? 0 });
          postings.set(index, list);
        });
        ids.push(id);
      }
    },
    async search(text, limit) {
      const scores = new Float64Array(ids.length);
      for (const index of queryLexicalVector(analyzeQuery(text)).indices) {
        const list = postings.get(index) ?? [];
        const idf = Math.log(1 + (ids.length - list.length + 0.5) / (list.length + 0.5));
        for (const { document, weight } of list) scores[document] = (scores[document] ?? 0) + idf * weight;
      }
      return [...scores.keys()]
        .filter((document) => (scores[document] ?? 0) > 0)
        .sort((left, right) => (scores[right] ?? 0) - (scores[left] ?? 0) || left - right)
        .slice(0, limit)
        .map((document) => ids[document] ?? "");
    },
  };
}

async function score(name: string, retrieval: RetrievalPath, squad: Squad): Promise<RetrievalScore> {
  const started = performance.now();
  await retrieval.index(squad.documents);
  let hitAt1 = 0;
  let hitAt5 = 0;
  let reciprocalRanks = 0;
  for (const question of squad.questions) {
    const rank = (await retrieval.search(question.text, resultLimit)).indexOf(question.documentId);
    if (rank === 0) hitAt1++;
    if (rank >= 0 && rank < 5) hitAt5++;
    if (rank >= 0) reciprocalRanks += 1 / (rank + 1);
  }
  const count = squad.questions.length;
  return {
    name,
    hitAt1: hitAt1 / count,
    hitAt5: hitAt5 / count,
    mrr: reciprocalRanks / count,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Runs the benchmark; undefined when the dataset is missing. Given a path (the real store's index and
 * search), measures it next to the plain BM25 references. Without one, measures Sabio's analyzer
 * feeding the same in-memory BM25 as the reference, its sparse vectors scored as Qdrant would, and
 * analyzer variants that show where the gain comes from.
 */
export async function runRetrievalBench(
  provided: RetrievalPath | undefined,
): Promise<RetrievalBenchResult | undefined> {
  if (!existsSync(squadEsPath)) return undefined;
  const squad = loadSquad(squadEsPath);
  const english = snowballStem("english");
  const paths: [string, RetrievalPath][] = [
    ["plain BM25, k1 0.9 b 0.4 (reference)", bm25Path(reference, plainBm25Terms, plainBm25Terms)],
    ["plain BM25, k1 1.2 b 0.75", bm25Path(lucene, plainBm25Terms, plainBm25Terms)],
  ];
  if (provided !== undefined) paths.push(["Sabio, provided path", provided]);
  else {
    paths.push(
      ["Sabio analyzer, k1 0.9 b 0.4", bm25Path(reference, analyzeText, analyzeQuery)],
      ["Sabio analyzer, k1 1.2 b 0.75", bm25Path(lucene, analyzeText, analyzeQuery)],
      ["Sabio sparse vectors × IDF (as Qdrant)", sparseVectorPath()],
      [
        "  variant: stems only, no exact forms",
        variantPath({
          stemmers: { es: spanishStem, en: english },
          fallbackLanguage: "es",
          exactForms: false,
        }),
      ],
      [
        "  variant: Snowball es not re-accented",
        variantPath({
          stemmers: { es: snowballStem("spanish"), en: english },
          fallbackLanguage: "es",
          exactForms: true,
        }),
      ],
      [
        "  variant: no stemming, no exact forms",
        variantPath({ stemmers: {}, fallbackLanguage: "es", exactForms: false }),
      ],
    );
  }
  const scores: RetrievalScore[] = [];
  for (const [name, retrieval] of paths) scores.push(await score(name, retrieval, squad));
  return { documents: squad.documents.length, questions: squad.questions.length, scores };
}

export function formatRetrievalBench(result: RetrievalBenchResult): string {
  const base = result.scores[0];
  const column = (value: string | number, width = 7) =>
    (typeof value === "number" ? value.toFixed(3) : value).padStart(width);
  const lines = [
    `SQuAD-es dev v1.1: ${result.documents} paragraphs, ${result.questions} questions (variants: k1 1.2 b 0.75)`,
    `${"path".padEnd(40)}${column("hit@1")}${column("hit@5")}${column("MRR@10")}${column("ΔMRR", 8)}${column("s", 6)}`,
  ];
  for (const row of result.scores) {
    const delta =
      base === undefined ? "" : `${row.mrr >= base.mrr ? "+" : ""}${(row.mrr - base.mrr).toFixed(3)}`;
    lines.push(
      `${row.name.padEnd(40)}${column(row.hitAt1)}${column(row.hitAt5)}${column(row.mrr)}${column(delta, 8)}` +
        `${row.seconds.toFixed(1).padStart(6)}`,
    );
  }
  return lines.join("\n");
}

if (import.meta.main) {
  const result = await runRetrievalBench(undefined);
  if (result === undefined) console.log(`retrieval-squad: skipped, dataset not found at ${squadEsPath}`);
  else console.log(formatRetrievalBench(result));
}
