import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createServices } from "../cli/services.ts";
import { readFolderDocuments } from "../connectors/files/read-folder-documents.ts";
import { parseEnv } from "../shared/config/load-env.ts";
import type { SourceDocument } from "../shared/knowledge/document.ts";
import { documentId } from "../shared/knowledge/ids.ts";
import { indexDocuments } from "../shared/knowledge/index-documents.ts";
import { createLogger } from "../shared/log/logger.ts";
import type { ChatModel } from "../shared/model/chat-model.ts";
import {
  type Answer,
  type AnswerDependencies,
  type AnswerSettings,
  answerQuestion,
} from "../workers/answer/answer-question.ts";
import { type Handbook, handbookQuestions, uncoveredQuestions } from "./answer-quality-questions.ts";
import { benchWorkspace } from "./bench-workspace.ts";

/**
 * Answer quality (docs/BENCHMARKS.md "Answer quality"): the real ingest and answerQuestion pipeline
 * over the two handbooks and a slice of SQuAD-es v2, lexical-only search (no embedder: what a fresh
 * install without Ollama runs). The handbook questions are ours (answer-quality-questions.ts); the
 * SQuAD set is derived here from the dataset file at run time, nothing of it is stored in the repo.
 *
 * Figures: fact recall (answers holding every asked-for fact), gold-page citation rate, wrong
 * refusals (answerable questions answered "not covered"), refusal rate on unanswerable questions.
 * Extractive always; generated too when OLLAMA_HOST or MODEL_PROVIDER=openai is set.
 */

const datasets = path.resolve(import.meta.dirname, "../../shared/datasets");
export const handbookFolders: Record<Handbook, string> = {
  "18f": path.join(datasets, "handbooks/18f/pages"),
  sourcegraph: path.join(datasets, "handbooks/sourcegraph/content"),
};
export const squadV2Path = path.join(datasets, "qa/squad-es/dev-v2.0-es_small.json");
/** Every n-th SQuAD-es v2 question is asked (about 1,800 of 7,134): enough, and a few minutes. */
const squadEvery = 4;
const squadWorkspace = "squad-es";
/** ANSWERS_SETS=handbooks (or squad-es): run one part only, for quick iteration. Unset: both. */
const onlySets = process.env.ANSWERS_SETS?.split(",").map((name) => name.trim());
/** ANSWERS_MISSES=1: also print every gate-on answerable question whose answer misses a fact. */
const printMisses = Boolean(process.env.ANSWERS_MISSES);
const wanted = (set: string) => !onlySets || onlySets.includes(set);

export interface QualityItem {
  set: "handbooks" | "squad-es v2";
  workspaceId: string;
  question: string;
  /** Patterns that must all match an answer; empty for an unanswerable question. */
  facts: RegExp[];
  /** Document ids an answer should cite (any of them); empty for unanswerable. */
  gold: string[];
  answerable: boolean;
}

export interface QualityOutcome {
  item: QualityItem;
  refused: boolean;
  factHit: boolean;
  goldCited: boolean;
  /** The gate's best-evidence relevance (0–1). */
  relevance: number;
  mode: Answer["mode"];
  /** The answer as shown, kept for the misses listing (ANSWERS_MISSES). */
  text: string;
}

export function handbookItems(): QualityItem[] {
  const items: QualityItem[] = [];
  const other: Record<Handbook, Handbook> = { "18f": "sourcegraph", sourcegraph: "18f" };
  for (const entry of handbookQuestions) {
    items.push({
      set: "handbooks",
      workspaceId: entry.handbook,
      question: entry.question,
      facts: entry.facts.map((fact) => new RegExp(fact, "i")),
      gold: [documentId(entry.handbook, "files", entry.page)],
      answerable: true,
    });
    if (entry.specific) {
      items.push(unanswerable(other[entry.handbook], entry.question));
    }
  }
  for (const question of uncoveredQuestions) {
    for (const handbook of ["18f", "sourcegraph"] as const) items.push(unanswerable(handbook, question));
  }
  return items;
}

function unanswerable(workspaceId: string, question: string): QualityItem {
  return { set: "handbooks", workspaceId, question, facts: [], gold: [], answerable: false };
}

interface SquadV2 {
  data: {
    title: string;
    paragraphs: {
      context: string;
      qas: { question: string; is_impossible?: boolean; answers: { text: string }[] }[];
    }[];
  }[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Every paragraph is a document; every n-th question is asked, with its answer spans as the fact. */
export function squadSet(file: string): { documents: SourceDocument[]; items: QualityItem[] } {
  const squad = JSON.parse(readFileSync(file, "utf8")) as SquadV2;
  const documents: SourceDocument[] = [];
  const items: QualityItem[] = [];
  let asked = 0;
  for (const article of squad.data) {
    for (const [index, paragraph] of article.paragraphs.entries()) {
      const externalId = `${article.title}/${index}`;
      documents.push({
        workspaceId: squadWorkspace,
        source: "files",
        externalId,
        title: `${article.title.replaceAll("_", " ")} (${index + 1})`,
        url: `squad/${externalId}`,
        updatedAt: new Date(0),
        content: paragraph.context.replace(/^\uFEFF/, ""),
      });
      for (const qa of paragraph.qas) {
        if (asked++ % squadEvery !== 0) continue;
        const answerable = !qa.is_impossible && qa.answers.length > 0;
        const spans = [...new Set(qa.answers.map((answer) => answer.text.trim()))].filter(Boolean);
        items.push({
          set: "squad-es v2",
          workspaceId: squadWorkspace,
          question: qa.question,
          facts: answerable ? [new RegExp(spans.map(escapeRegExp).join("|"), "i")] : [],
          gold: answerable ? [documentId(squadWorkspace, "files", externalId)] : [],
          answerable,
        });
      }
    }
  }
  return { documents, items };
}

/** The chat model of the environment, when one is really configured (not the default localhost). */
function configuredChatModel(): { chatModel: ChatModel; settings: AnswerSettings; label: string } | null {
  const configured = process.env.OLLAMA_HOST || process.env.MODEL_PROVIDER === "openai";
  if (!configured) return null;
  const env = parseEnv(process.env);
  const services = createServices(env, createLogger({ level: "warn" }));
  const settings = services.answerSettings();
  return { chatModel: services.chatModel(), settings, label: settings.chatModel };
}

export interface AnswerQualityResult {
  search: string;
  runs: { mode: "extractive" | "generated"; label: string; outcomes: QualityOutcome[] }[];
  skipped: string[];
}

export async function runAnswerQualityBench(): Promise<AnswerQualityResult | undefined> {
  if (!existsSync(handbookFolders["18f"]) || !existsSync(handbookFolders.sourcegraph)) return undefined;
  const setup = await benchWorkspace();
  const logger = createLogger({ level: "warn" });
  const skipped: string[] = [];
  try {
    const indexing = { database: setup.database, store: setup.store, embedder: null, logger };
    for (const handbook of ["18f", "sourcegraph"] as const) {
      const read = await readFolderDocuments(handbookFolders[handbook], { workspaceId: handbook });
      await indexDocuments(indexing, {
        workspaceId: handbook,
        source: "files",
        documents: read.documents,
        complete: true,
      });
    }
    const items = wanted("handbooks") ? handbookItems() : [];
    if (!wanted("squad-es")) skipped.push("squad-es v2: skipped (ANSWERS_SETS)");
    else if (existsSync(squadV2Path)) {
      const squad = squadSet(squadV2Path);
      await indexDocuments(indexing, {
        workspaceId: squadWorkspace,
        source: "files",
        documents: squad.documents,
        complete: true,
      });
      items.push(...squad.items);
    } else skipped.push(`squad-es v2: dataset not found at ${squadV2Path}`);

    const settings: AnswerSettings = { chatModel: "none", fallbackChatModel: "", timeoutMs: 60_000, topK: 6 };
    const base = { store: setup.store, embedder: null, logger };
    const runs: AnswerQualityResult["runs"] = [
      {
        mode: "extractive",
        label: "gate off",
        outcomes: await ask(
          { ...base, chatModel: null, settings: { ...settings, relevanceThreshold: 0 } },
          items,
        ),
      },
      {
        mode: "extractive",
        label: "gate on",
        outcomes: await ask({ ...base, chatModel: null, settings }, items),
      },
    ];
    const model = configuredChatModel();
    if (model) {
      // The model answers the handbook part only: ~100 generations, not ~1,800.
      const handbook = items.filter((item) => item.set === "handbooks");
      runs.push({
        mode: "generated",
        label: model.label,
        outcomes: await ask({ ...base, chatModel: model.chatModel, settings: model.settings }, handbook),
      });
    } else skipped.push("generated mode: skipped, neither OLLAMA_HOST nor MODEL_PROVIDER=openai is set");
    return { search: "lexical only (no embedder), LanceDB BM25", runs, skipped };
  } finally {
    await setup.dispose();
  }
}

async function ask(dependencies: AnswerDependencies, items: QualityItem[]): Promise<QualityOutcome[]> {
  const outcomes: QualityOutcome[] = [];
  for (const item of items) {
    const answer = await answerQuestion(dependencies, {
      workspaceId: item.workspaceId,
      question: item.question,
    });
    const refused = answer.notCovered !== undefined;
    outcomes.push({
      item,
      refused,
      factHit: !refused && item.facts.length > 0 && item.facts.every((fact) => fact.test(answer.text)),
      goldCited: answer.sources.some((source) => item.gold.includes(source.documentId)),
      relevance: answer.evidence.gate.relevance,
      mode: answer.mode,
      text: answer.text,
    });
  }
  return outcomes;
}

interface Figures {
  answerable: number;
  unanswerable: number;
  factRecall: number;
  goldCited: number;
  wrongRefusals: number;
  refusals: number;
}

function figures(outcomes: QualityOutcome[]): Figures {
  const answerable = outcomes.filter((outcome) => outcome.item.answerable);
  const unanswerable = outcomes.filter((outcome) => !outcome.item.answerable);
  const share = (list: QualityOutcome[], test: (outcome: QualityOutcome) => boolean) =>
    list.length === 0 ? Number.NaN : list.filter(test).length / list.length;
  return {
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    factRecall: share(answerable, (outcome) => outcome.factHit),
    goldCited: share(answerable, (outcome) => outcome.goldCited),
    wrongRefusals: share(answerable, (outcome) => outcome.refused),
    refusals: share(unanswerable, (outcome) => outcome.refused),
  };
}

/** What each threshold would do on this set: the table the gate's constant was chosen from. */
function calibrationLines(outcomes: QualityOutcome[]): string[] {
  const answerable = outcomes.filter((outcome) => outcome.item.answerable);
  const unanswerable = outcomes.filter((outcome) => !outcome.item.answerable);
  const lines = [
    "  threshold → refused unanswerable / refused answerable (from the relevance the gate reports)",
  ];
  for (let threshold = 0.3; threshold <= 0.901; threshold += 0.05) {
    const below = (list: QualityOutcome[]) =>
      list.filter((outcome) => outcome.relevance < threshold).length / Math.max(1, list.length);
    lines.push(
      `    ${threshold.toFixed(2)}: ${percent(below(unanswerable))} / ${percent(below(answerable))}`,
    );
  }
  return lines;
}

function percent(value: number): string {
  return Number.isNaN(value) ? "   –" : `${(value * 100).toFixed(1).padStart(5)} %`;
}

export function formatAnswerQualityBench(result: AnswerQualityResult): string {
  const lines = [`Answer quality: search ${result.search}`];
  lines.push(
    `${"mode / set".padEnd(34)}${"n ans".padStart(6)}${"n un".padStart(6)}${"fact".padStart(9)}${"gold".padStart(9)}${"wrong ref".padStart(11)}${"refused un".padStart(12)}`,
  );
  for (const run of result.runs) {
    for (const set of ["handbooks", "squad-es v2"] as const) {
      const outcomes = run.outcomes.filter((outcome) => outcome.item.set === set);
      if (outcomes.length === 0) continue;
      const row = figures(outcomes);
      lines.push(
        `${`${run.mode} (${run.label}) / ${set}`.padEnd(34)}${String(row.answerable).padStart(6)}${String(row.unanswerable).padStart(6)}` +
          `${percent(row.factRecall).padStart(9)}${percent(row.goldCited).padStart(9)}${percent(row.wrongRefusals).padStart(11)}${percent(row.refusals).padStart(12)}`,
      );
      if (run.mode === "generated") {
        const generated = outcomes.filter((outcome) => outcome.mode === "generated").length;
        lines.push(`  ${generated} of ${outcomes.length} answers generated (the rest fell back)`);
      }
      if (run.label === "gate on") lines.push(...calibrationLines(outcomes));
    }
  }
  lines.push(...result.skipped);
  if (printMisses) lines.push(...missLines(result));
  return lines.join("\n");
}

/** Each answerable question the gate-on extractive answer misses, with the answer it gave. */
function missLines(result: AnswerQualityResult): string[] {
  const run = result.runs.find((candidate) => candidate.label === "gate on");
  const misses = (run?.outcomes ?? []).filter((outcome) => outcome.item.answerable && !outcome.factHit);
  return misses.flatMap((outcome) => [
    `--- MISS (${outcome.item.set}${outcome.goldCited ? ", gold cited" : ""}): ${outcome.item.question}`,
    `    wants: ${outcome.item.facts.map((fact) => fact.source).join(" & ")}`,
    ...outcome.text.split("\n").map((line) => `    ${line}`),
  ]);
}

if (import.meta.main) {
  const result = await runAnswerQualityBench();
  console.log(result ? formatAnswerQualityBench(result) : "answers: skipped, handbooks not found");
}
