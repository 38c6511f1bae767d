import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAnswerBank } from "../shared/answers/bank/answer-bank.ts";
import { defaultBankThresholds } from "../shared/answers/bank/bank-thresholds.ts";
import { openDatabase } from "../shared/db/open-database.ts";
import { answerBank, answers, approvals, documents, questions } from "../shared/db/schema.ts";
import { createLogger } from "../shared/log/logger.ts";
import { percentile } from "./bench-workspace.ts";
import { instantEmbedder } from "./instant-embedder.ts";

export interface AnswerBankLatencyResult {
  approvals: number;
  dimensions: number;
  loadSeconds: number;
  /** The first look-up of a process: loads the workspace's bank into memory. */
  coldMs: number;
  lookups: number;
  hits: number;
  p50Ms: number;
  p95Ms: number;
  /** Served look-ups also read the approval and check its pins and access (two more queries). */
  servedP50Ms: number;
  missedP50Ms: number;
}

const topics = [
  "vacation days",
  "sick leave",
  "parental leave",
  "expense reports",
  "travel budget",
  "laptop refresh",
  "VPN access",
  "Wi-Fi password",
  "payroll dates",
  "health insurance",
  "pension plan",
  "meeting rooms",
  "parking spaces",
  "on-call rotation",
  "code review",
  "deploy freeze",
  "security training",
  "badge access",
  "office plants",
  "coffee machine",
  "bike storage",
  "gym discount",
  "language classes",
  "referral bonus",
  "stock options",
];
const askings = [
  "How do I request",
  "Who approves",
  "Where is the policy on",
  "What is the deadline for",
  "Who do I ask about",
  "How much is the",
  "When does the",
  "Can contractors get",
  "Is there a form for",
  "What changed in",
  "How do I cancel",
  "Who owns",
  "What is the limit on",
  "How long does it take to get",
  "Where do I report problems with",
  "What is the budget for",
];
const places = [
  "Madrid",
  "Barcelona",
  "Lisbon",
  "Berlin",
  "Paris",
  "London",
  "Dublin",
  "Austin",
  "Toronto",
  "Remote",
  "Sevilla",
  "Porto",
  "Milan",
  "Warsaw",
  "Prague",
  "Vienna",
  "Oslo",
  "Zurich",
  "Athens",
  "Rome",
  "Munich",
  "Lyon",
  "Bilbao",
  "Valencia",
  "Malaga",
];

/** The n-th generated question: 25 topics × 16 askings × 25 places = 10,000 distinct ones. */
export function generatedQuestion(index: number): string {
  const topic = topics[index % topics.length];
  const asking = askings[Math.floor(index / topics.length) % askings.length];
  const place = places[Math.floor(index / (topics.length * askings.length)) % places.length];
  return `${asking} ${topic} in the ${place} office?`;
}

/**
 * Look-up latency at `approvals` approved answers in one workspace (PGlite, the embedded default;
 * vectors from an instant embedder, so the model's time is left out): half the look-ups rephrase
 * an approved question (served, so staleness and access are checked too), half ask something new.
 */
export async function runAnswerBankLatencyBench(
  options: { approvals?: number; dimensions?: number; lookups?: number } = {},
): Promise<AnswerBankLatencyResult> {
  const count = options.approvals ?? 10_000;
  const dimensions = options.dimensions ?? 256;
  const lookups = options.lookups ?? 400;
  const directory = await mkdtemp(join(tmpdir(), "sabio-bank-bench-"));
  const database = await openDatabase({ dataDir: directory });
  const embedder = instantEmbedder(dimensions);
  const workspaceId = "bench";
  try {
    const loadStarted = performance.now();
    await database.db.insert(documents).values({
      id: "doc-policy",
      workspaceId,
      source: "files",
      externalId: "policy.md",
      title: "Policy",
      url: "policy.md",
      updatedAt: new Date(),
      contentHash: "h1",
    });
    const source = { n: 1, title: "Policy", url: "policy.md", documentId: "doc-policy" };
    const pin = { documentId: "doc-policy", contentHash: "h1", title: "Policy" };
    for (let start = 0; start < count; start += 500) {
      const batch = Array.from({ length: Math.min(500, count - start) }, (_, offset) => {
        const text = generatedQuestion(start + offset);
        return { id: randomUUID(), text };
      });
      const vectors = await Promise.all(batch.map((each) => embedder.embedQuery(each.text)));
      await database.db.insert(questions).values(
        batch.map((each) => ({
          id: each.id,
          workspaceId,
          platform: "slack",
          eventId: each.id,
          text: each.text,
        })),
      );
      await database.db.insert(answers).values(
        batch.map((each) => ({
          questionId: each.id,
          mode: "generated" as const,
          text: `The answer to: ${each.text} [1]`,
          sources: [source],
          served: { history: [] },
        })),
      );
      await database.db
        .insert(approvals)
        .values(batch.map((each) => ({ questionId: each.id, approvedBy: "U0BENCH", pins: [pin] })));
      await database.db.insert(answerBank).values(
        batch.map((each, index) => ({
          questionId: each.id,
          workspaceId,
          embedding: new Uint8Array(Float32Array.from(vectors[index] ?? []).buffer),
          embedModel: embedder.model,
        })),
      );
    }
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const bank = createAnswerBank({ db: database.db, embedder, logger: createLogger({ level: "silent" }) });
    const ask = (index: number) => {
      const question =
        index % 2 === 0
          ? // A rephrasing: same words, another order and framing.
            `${generatedQuestion((index * 7919) % count).replace(/\?$/, "")}, please?`
          : `What is the weather like on day ${index} in the lobby?`;
      return bank.findApprovedAnswer({ workspaceId, question, viewer: { email: "bob@example.com" } });
    };
    const coldStarted = performance.now();
    await ask(1);
    const coldMs = performance.now() - coldStarted;
    const samples: number[] = [];
    const served: number[] = [];
    const missed: number[] = [];
    for (let index = 0; index < lookups; index += 1) {
      const started = performance.now();
      const found = await ask(index);
      const elapsed = performance.now() - started;
      samples.push(elapsed);
      (found ? served : missed).push(elapsed);
    }
    return {
      approvals: count,
      dimensions,
      loadSeconds,
      coldMs,
      lookups,
      hits: served.length,
      p50Ms: percentile(samples, 0.5),
      p95Ms: percentile(samples, 0.95),
      servedP50Ms: percentile(served, 0.5),
      missedP50Ms: percentile(missed, 0.5),
    };
  } finally {
    await database.close();
    await rm(directory, { recursive: true, force: true });
  }
}

export function formatAnswerBankLatency(result: AnswerBankLatencyResult): string {
  return [
    `Answer bank look-up at ${result.approvals.toLocaleString("en")} approvals (${result.dimensions}-d vectors, PGlite; loaded in ${result.loadSeconds.toFixed(1)} s)`,
    `  first look-up (loads the bank): ${result.coldMs.toFixed(0)} ms`,
    `  ${result.lookups} look-ups (${result.hits} served): p50 ${result.p50Ms.toFixed(2)} ms, p95 ${result.p95Ms.toFixed(2)} ms (p50 served ${result.servedP50Ms.toFixed(2)} ms, not served ${result.missedP50Ms.toFixed(2)} ms)`,
    `  thresholds: lexical ${defaultBankThresholds.lexical}, dense ${defaultBankThresholds.dense}`,
  ].join("\n");
}
