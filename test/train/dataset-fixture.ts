import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ChatMessage } from "#shared/model/chat-model.ts";
import { buildPrompt } from "#workers/answer/build-prompt.ts";
import type { TrainingDataset } from "#workers/train/training-dataset.ts";

export const fixtureRefusal = "The team's documents don't cover this.";

/**
 * Fact k lives in its own passage; its question shares two made-up words with that passage only
 * (every passage says "project"), so a model can tell the passage that holds the answer.
 */
function fact(k: number) {
  return {
    title: `Release ${k}`,
    text: `Project zork${k} ships on day ${k} from quix${k}. Ask the release desk for details.`,
    question: `When does project zork${k} ship from quix${k}?`,
    answer: `Project zork${k} ships on day ${k} from quix${k}.`,
  };
}

/** Served as it would be: the fact's passage among two others, at position 2 or 3 (never [1]). */
function approvedExample(k: number): ChatMessage[] {
  const gold = fact(k);
  const others = [fact(k + 1000), fact(k + 2000)];
  const position = k % 2 === 0 ? 1 : 2;
  const passages = [...others];
  passages.splice(position, 0, gold);
  return [
    ...buildPrompt(gold.question, passages),
    { role: "assistant", content: `${gold.answer} [${position + 1}]` },
  ];
}

/** Only distractors: the approved answer is the refusal. */
function refusalExample(k: number): ChatMessage[] {
  return [
    ...buildPrompt(fact(k).question, [fact(k + 3000), fact(k + 4000)]),
    { role: "assistant", content: fixtureRefusal },
  ];
}

export interface DatasetFixtureOptions {
  train?: number;
  valid?: number;
  /** Held-out approved examples; `refusals` more held-out ones teach the refusal. */
  test?: number;
  refusals?: number;
  approvalsUntil?: Date;
}

/** Writes train/valid/test.jsonl (MLX chat format) and dataset.json as the dataset builder does. */
export async function writeDatasetFixture(
  dir: string,
  options: DatasetFixtureOptions = {},
): Promise<TrainingDataset> {
  const counts = { train: options.train ?? 6, valid: options.valid ?? 2, test: options.test ?? 4 };
  const refusals = options.refusals ?? 2;
  await mkdir(dir, { recursive: true });
  const lines = (examples: ChatMessage[][]) =>
    examples.map((messages) => `${JSON.stringify({ messages })}\n`).join("");
  const range = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);
  await writeFile(join(dir, "train.jsonl"), lines(range(1, counts.train).map(approvedExample)));
  await writeFile(join(dir, "valid.jsonl"), lines(range(101, counts.valid).map(approvedExample)));
  await writeFile(
    join(dir, "test.jsonl"),
    lines([...range(201, counts.test).map(approvedExample), ...range(301, refusals).map(refusalExample)]),
  );
  const manifest = {
    ...counts,
    test: counts.test + refusals,
    refusals,
    distractorExamples: 0,
    skipped: [],
    maxTokens: 120,
  };
  await writeFile(join(dir, "dataset.json"), JSON.stringify(manifest, null, 2));
  return {
    dir,
    ...counts,
    test: counts.test + refusals,
    approvalsUntil: options.approvalsUntil ?? new Date(),
    manifest,
  };
}
