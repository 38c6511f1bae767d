import type { ChildProcess } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { waitForOutput } from "#test/helpers/process-output.ts";
import { randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { spawnSabio } from "#test/helpers/spawn-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { firstBatch, laterTopics, type Topic } from "#test/train/fine-tuning-topics.ts";
import { standInFuser, standInTrainer } from "#test/train/training-test-kit.ts";

/**
 * Issue 12's "Done means", through the real CLI on one data dir with a folder source: approved
 * answers (some corrected, some holding an email or a Slack token, one whose file later changes)
 * are served to a rephrasing until the file changes; `sabio dataset` writes MLX chat JSONL with
 * frozen, disjoint splits, nothing personal and nothing over budget; `sabio train` with the stand-in
 * MLX-LM promotes a better candidate and rejects a worse one; `sabio model rollback` goes back to
 * CHAT_MODEL; and the `train` role's nightly job, fired now, trains the workspace.
 *
 * Steps run in order on the same workspace. Each allows minutes: every command opens the embedded
 * database and vector store afresh, the dataset loads the real Gemma tokenizer, and a training run
 * spawns the stand-in trainer and fuser, on a loaded two-core machine.
 */

const workspace = "acme";
const defaultModel = "gemma4:e4b";
const budget = 512;
const stepTimeoutMs = 300_000;

const rephrasing = "How many days of vacation do I get each year?";
const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const slackTokenPattern = /xox[abeoprs]-[A-Za-z0-9-]{8,}/;

interface ChatLine {
  messages: { role: string; content: string }[];
}
interface Manifest {
  splits: Record<string, "train" | "valid" | "test">;
  examples: Record<"train" | "valid" | "test", { questionId: string; tokens: number }[]>;
}
interface ModelList {
  current: string;
  promoted: string | null;
  models: { name: string; status: string; scores: unknown }[];
}
interface TrainJson {
  status: string;
  reason: string | null;
  candidate: string | null;
  current: string;
  scores: { candidate: number | null; current: number | null };
  examples: number;
}

describe("approved answers to a promoted fine-tune and back (real CLI, stand-in MLX-LM and Ollama)", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let ollama: OllamaStandIn;
  let env: Record<string, string>;
  let wiki: string;
  let child: ChildProcess | undefined;
  const prefix = randomPrefix();
  const redis = createRedisConnection(testRedisUrl, {
    role: "producer",
    logger: silentLogger(),
  });
  /** Question id by question text, as `ask --json` gave it. */
  const ids = new Map<string, string>();
  let firstTestQuestions: string[] = [];
  let promoted = "";

  async function sabio(argv: string[]) {
    const run = await runSabio(argv, env);
    return { code: run.code, stdout: run.stdout.trim(), notes: run.notes };
  }
  /** Runs with --json, expects exit 0 (showing what was said otherwise) and parses stdout. */
  async function json<T>(argv: string[]): Promise<T> {
    const run = await sabio([...argv, "--json"]);
    expect(run.code, `${argv.join(" ")}: ${run.notes}${run.stdout}`).toBe(0);
    return JSON.parse(run.stdout) as T;
  }
  const ask = (question: string) =>
    json<{
      questionId: string;
      answer: string;
      mode: string;
      approvedBy?: string;
      sources: { n: number; title: string }[];
    }>(["ask", question, "-w", workspace]);

  async function writePage(topic: Topic, body = topic.body): Promise<void> {
    await writeFile(join(wiki, topic.file), `# ${topic.title}\n\n${body}\n`);
  }
  async function ingest(): Promise<void> {
    await json(["ingest", wiki, "--workspace", workspace]);
  }

  /** Asks each topic's question (a fresh, generated answer from its page) and approves it, corrected where it says. */
  async function askAndApprove(topics: readonly Topic[]): Promise<void> {
    for (const topic of topics) {
      const asked = await ask(topic.question);
      expect({ question: topic.question, mode: asked.mode, cites: asked.sources[0]?.title }).toEqual({
        question: topic.question,
        mode: "generated",
        cites: topic.title,
      });
      ids.set(topic.question, asked.questionId);
      const argv = ["approve", "-w", workspace, "--question", asked.questionId];
      if (topic.correction !== undefined) {
        const file = join(temp.path, `correction-${topic.file}`);
        await writeFile(file, topic.correction);
        argv.push("--by", "bob", "--text-file", file);
      } else {
        argv.push("--by", "alice");
      }
      const approved = await json<{ state: string; corrected?: boolean }>(argv);
      expect(approved.state).toBe("approved");
      if (topic.correction !== undefined) expect(approved.corrected).toBe(true);
    }
  }

  async function readDataset(
    dir: string,
  ): Promise<{ lines: Record<string, ChatLine[]>; manifest: Manifest }> {
    const lines: Record<string, ChatLine[]> = {};
    for (const split of ["train", "valid", "test"]) {
      const text = await readFile(join(dir, `${split}.jsonl`), "utf8");
      lines[split] = text
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as ChatLine);
    }
    const manifest = JSON.parse(await readFile(join(dir, "dataset.json"), "utf8")) as Manifest;
    return { lines, manifest };
  }

  const modelList = () => json<ModelList>(["model", "--workspace", workspace, "list"]);

  beforeAll(async () => {
    temp = await makeTempDir();
    ollama = await startOllamaStandIn();
    wiki = join(temp.path, "wiki");
    await mkdir(wiki, { recursive: true });
    for (const topic of [...firstBatch, ...laterTopics]) await writePage(topic);
    env = {
      DATA_DIR: join(temp.path, "data"),
      OLLAMA_HOST: ollama.host,
      TRAIN_COMMAND: standInTrainer,
      FUSE_COMMAND: standInFuser,
      TRAIN_MIN_EXAMPLES: "4",
      TRAIN_BATCH_SIZE: "1",
      TRAIN_ITERS: "20",
      TRAIN_MAX_SEQ_TOKENS: String(budget),
    };
    await ingest();
  }, stepTimeoutMs);

  afterAll(async () => {
    child?.kill("SIGKILL");
    await removeQueues(redis, prefix);
    await closeRedisConnection(redis);
    await ollama?.stop();
    await temp?.remove();
  });

  it(
    "serves an approved answer to a rephrasing until its page changes, then answers afresh and shows it stale",
    async () => {
      await askAndApprove(firstBatch);
      const vacation = ids.get(firstBatch[0]?.question ?? "") ?? "";

      const served = await ask(rephrasing);
      expect(served).toMatchObject({
        mode: "approved",
        approvedBy: "alice",
        answer: "Everyone gets 25 vacation days per year. [1]",
      });

      // The page changes (the answer still holds, but nobody has checked): the approval is stale.
      await writePage(
        firstBatch[0] as Topic,
        "Everyone gets 25 vacation days per year.\n\nUp to five unused days carry over to March.",
      );
      await ingest();
      const fresh = await ask(rephrasing);
      expect(fresh.mode).toMatch(/^(generated|extractive)$/);
      expect(fresh.approvedBy).toBeUndefined();
      const stale = await json<{ approvals: { questionId: string; state: string; changed: unknown[] }[] }>([
        "approvals",
        "-w",
        workspace,
        "--state",
        "stale",
      ]);
      expect(stale.approvals).toEqual([
        expect.objectContaining({
          questionId: vacation,
          state: "stale",
          changed: [expect.objectContaining({ title: "Time off", change: "changed" })],
        }),
      ]);
    },
    stepTimeoutMs,
  );

  it(
    "writes MLX chat JSONL: disjoint splits, no email or token, nothing over budget, the stale and the huge left out",
    async () => {
      const out = join(temp.path, "dataset-1");
      const summary = await json<{
        train: number;
        valid: number;
        test: number;
        skipped: { questionId: string; reason: string }[];
        maxTokens: number;
      }>(["dataset", "--workspace", workspace, "--out", out]);
      expect(summary.maxTokens).toBeLessThanOrEqual(budget);
      expect(summary.skipped).toEqual(
        expect.arrayContaining([
          {
            questionId: ids.get(firstBatch[0]?.question ?? ""),
            reason: expect.stringMatching(/^stale: Time off changed/),
          },
          {
            questionId: ids.get("When is lunch served in the canteen?"),
            reason: expect.stringContaining("over budget"),
          },
        ]),
      );

      const { lines, manifest } = await readDataset(out);
      for (const split of ["train", "valid", "test"] as const) {
        const splitLines = lines[split] ?? [];
        expect(splitLines.length, split).toBe(summary[split]);
        expect(splitLines.length, split).toBeGreaterThanOrEqual(1);
        for (const line of splitLines) {
          expect(line.messages.length).toBeGreaterThanOrEqual(2);
          for (const message of line.messages) {
            expect(["system", "user", "assistant"]).toContain(message.role);
            expect(message.content.trim()).not.toBe("");
          }
          expect(line.messages.at(-1)?.role).toBe("assistant");
        }
        for (const example of manifest.examples[split]) expect(example.tokens).toBeLessThanOrEqual(budget);
      }
      // No question in two splits, and each is where the manifest says.
      const splitOf = new Map<string, string>();
      for (const split of ["train", "valid", "test"] as const) {
        for (const { questionId } of manifest.examples[split]) {
          expect(splitOf.get(questionId) ?? split, questionId).toBe(split);
          splitOf.set(questionId, split);
          expect(manifest.splits[questionId]).toBe(split);
        }
      }
      // A correction reached the assistant turn.
      const answers = Object.values(lines)
        .flat()
        .map((line) => line.messages.at(-1)?.content);
      expect(answers).toContain("Deploys are frozen on Fridays after three in the afternoon. [1]");
      for (const file of ["train.jsonl", "valid.jsonl", "test.jsonl", "dataset.json"]) {
        const text = await readFile(join(out, file), "utf8");
        expect(text, file).not.toMatch(emailPattern);
        expect(text, file).not.toMatch(slackTokenPattern);
      }
      firstTestQuestions = Object.entries(manifest.splits)
        .filter(([, split]) => split === "test")
        .map(([questionId]) => questionId);
      expect(firstTestQuestions).toEqual(
        expect.arrayContaining([
          ids.get("Where are new laptops ordered?"),
          ids.get("Which token does the alerts bot use?"),
        ]),
      );
    },
    stepTimeoutMs,
  );

  it(
    "re-approving the stale answer serves the rephrasing again; a later dataset keeps the test questions in test",
    async () => {
      const vacation = ids.get(firstBatch[0]?.question ?? "") ?? "";
      const reapproved = await json<{ reapproved?: boolean; state: string }>([
        "approve",
        "-w",
        workspace,
        "--question",
        vacation,
        "--by",
        "carol",
      ]);
      expect(reapproved).toMatchObject({ reapproved: true, state: "approved" });
      expect(await ask(rephrasing)).toMatchObject({ mode: "approved", approvedBy: "carol" });

      await askAndApprove(laterTopics.slice(0, 1));
      const out = join(temp.path, "dataset-2");
      await json(["dataset", "--workspace", workspace, "--out", out]);
      const { manifest } = await readDataset(out);
      for (const questionId of firstTestQuestions)
        expect(manifest.splits[questionId], questionId).toBe("test");
      expect(manifest.splits[vacation]).toBeDefined();
      expect(manifest.splits[ids.get("How long is parental leave?") ?? ""]).toBeDefined();
    },
    stepTimeoutMs,
  );

  it(
    "sabio train promotes a better candidate; a later, worse one is rejected and the current model stays",
    async () => {
      ollama.answerAs(`sabio-${workspace}:`, "better");
      const first = await json<TrainJson>(["train", "--workspace", workspace]);
      expect(first, first.reason ?? "").toMatchObject({
        status: "promoted",
        current: defaultModel,
        candidate: expect.stringMatching(/^sabio-acme:/),
      });
      expect(first.scores.candidate).toBeGreaterThan(first.scores.current ?? 1);
      promoted = first.candidate ?? "";
      expect(ollama.models).toContain(promoted);
      const afterFirst = await modelList();
      expect(afterFirst).toMatchObject({ current: promoted, promoted });
      expect(afterFirst.models).toEqual([expect.objectContaining({ name: promoted, status: "current" })]);

      // New approvals (answered by the promoted model), then a candidate that answers worse.
      await askAndApprove(laterTopics.slice(1, 5));
      ollama.answerAs(`sabio-${workspace}:`, null);
      ollama.answerAs(promoted, "better");
      ollama.answerAs(`sabio-${workspace}:`, "worse");
      const second = await json<TrainJson>(["train", "--workspace", workspace]);
      expect(second, second.reason ?? "").toMatchObject({ status: "rejected", current: promoted });
      expect(second.scores.candidate).toBeLessThan(second.scores.current ?? 0);
      const afterSecond = await modelList();
      expect(afterSecond).toMatchObject({ current: promoted, promoted });
      expect(afterSecond.models).toEqual([
        expect.objectContaining({ name: second.candidate, status: "rejected" }),
        expect.objectContaining({ name: promoted, status: "current" }),
      ]);
    },
    stepTimeoutMs,
  );

  it(
    "sabio model rollback restores the previous model: the default CHAT_MODEL",
    async () => {
      const back = await json<{ changed: boolean; from: string; to: string }>([
        "model",
        "--workspace",
        workspace,
        "rollback",
      ]);
      expect(back).toMatchObject({ changed: true, from: promoted, to: defaultModel });
      expect(await modelList()).toMatchObject({ current: defaultModel, promoted: null });
    },
    stepTimeoutMs,
  );

  it(
    "the train role's nightly job, fired now, trains the workspace",
    async () => {
      await askAndApprove(laterTopics.slice(5, 9));
      ollama.answerAs(`sabio-${workspace}:`, null);
      ollama.answerAs(`sabio-${workspace}:`, "better");

      const running = spawnSabio(
        ["start", "train"],
        { dataDir: env.DATA_DIR ?? "", ollamaHost: ollama.host, prefix },
        env,
      );
      child = running;
      await waitForOutput(running, /"msg":"sabio started"/, stepTimeoutMs);
      // The TRAIN_CRON scheduler's next tick is promoted instead of waiting for 02:00.
      const queue = new Queue("train", { connection: redis, prefix });
      try {
        const [next] = await queue.getDelayed();
        if (!next) throw new Error("the train role scheduled no nightly job");
        const done = waitForOutput(running, /"msg":"nightly training done"/, stepTimeoutMs);
        await next.promote();
        const output = await done;
        const finished = output
          .split("\n")
          .filter((line) => line.includes('"msg":"training run finished"'))
          .map((line) => JSON.parse(line) as { status: string; reason: string });
        expect(finished).toEqual([expect.objectContaining({ status: "promoted" })]);
      } finally {
        await queue.close();
      }
      const exited = new Promise<number | null>((resolve) => running.once("exit", (code) => resolve(code)));
      running.kill("SIGTERM");
      expect(await exited).toBe(0);
      child = undefined;

      const listed = await modelList();
      expect(listed.current).toMatch(/^sabio-acme:/);
      expect(listed.current).not.toBe(promoted);
      expect(listed.models[0]).toMatchObject({ name: listed.current, status: "current" });
      expect(listed.models).toHaveLength(3);
    },
    stepTimeoutMs,
  );
});
