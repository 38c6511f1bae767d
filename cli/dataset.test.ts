import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "#shared/db/open-database.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { addApprovedAnswer, distinctFixtures } from "#test/train/dataset/approved-answers-kit.ts";

/** `sabio dataset`: the approved answers of a workspace written as MLX-LM chat JSONL. */
describe("sabio dataset", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    temp = await makeTempDir();
    env = { DATA_DIR: join(temp.path, "data"), OLLAMA_HOST: "http://127.0.0.1:9", TRAIN_BATCH_SIZE: "1" };
    const database = await openDatabase({ dataDir: env.DATA_DIR as string });
    try {
      for (const fixture of distinctFixtures(30)) await addApprovedAnswer(database.db, "acme", fixture);
      await addApprovedAnswer(database.db, "acme", {
        question: "Who runs payroll?",
        answer: "Write to payroll@acme.com [1].",
        passages: [{ documentId: "payroll", title: "Payroll", text: "Payroll: payroll@acme.com." }],
      });
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    await temp?.remove();
  });

  it("prints the counts as JSON and writes the three splits and the manifest", async () => {
    const out = join(temp.path, "dataset");
    const { code, stdout } = await runSabio(["dataset", "--workspace", "acme", "--out", out, "--json"], env);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(Object.keys(summary).sort()).toEqual(
      ["distractorExamples", "maxTokens", "refusals", "skipped", "test", "train", "valid"].sort(),
    );
    expect(summary.train + summary.valid + summary.test).toBeGreaterThan(31);
    expect(summary.skipped).toEqual([]);
    const train = await readFile(join(out, "train.jsonl"), "utf8");
    expect(train.split("\n").filter(Boolean)).toHaveLength(summary.train);
    expect(JSON.parse(train.split("\n")[0] ?? "").messages.map((m: { role: string }) => m.role)).toEqual([
      "system",
      "user",
      "assistant",
    ]);
    const everything = ["train.jsonl", "valid.jsonl", "test.jsonl", "dataset.json"];
    for (const file of everything) expect(await readFile(join(out, file), "utf8")).not.toContain("@acme.com");
  });

  it("says in plain words what it wrote", async () => {
    const out = join(temp.path, "plain");
    const { code, stdout } = await runSabio(["dataset", "--workspace", "acme", "--out", out], env);
    expect(code).toBe(0);
    expect(stdout).toContain(`Dataset written to ${out}`);
    expect(stdout).toMatch(
      /from 31 of 31 approvals, 31 distinct questions; longest \d+ tokens \(budget 2048, 0 shortened\)/,
    );
    expect(stdout).toContain("scrubbed: 2 email");
  });

  it("exits 1 with a clear message for a workspace without approvals", async () => {
    const { code, stdout } = await runSabio(
      ["dataset", "--workspace", "empty", "--out", join(temp.path, "none"), "--json"],
      env,
    );
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error).toMatchObject({
      code: "not_found",
      message: 'Workspace "empty" has no approved answers yet.',
    });
  });

  it("refuses a missing --out, and an --out that is a file, naming it", async () => {
    const missing = await runSabio(["dataset", "--workspace", "acme"], env);
    expect(missing.code).toBe(2);
    expect(missing.notes).toContain("dataset needs --out <dir>");
    const file = join(temp.path, "a-file");
    await writeFile(file, "x");
    const isFile = await runSabio(["dataset", "--workspace", "acme", "--out", file], env);
    expect(isFile.code).toBe(2);
    expect(isFile.notes).toContain(`The dataset folder ${file} is a file, not a folder.`);
  });

  it("stops when a split is smaller than TRAIN_BATCH_SIZE, naming the split", async () => {
    const { code, notes } = await runSabio(
      ["dataset", "--workspace", "acme", "--out", join(temp.path, "small")],
      { ...env, TRAIN_BATCH_SIZE: "16" },
    );
    expect(code).toBe(2);
    expect(notes).toMatch(
      /the (valid|test) split has \d+ examples?, and each split needs at least TRAIN_BATCH_SIZE \(16\)/,
    );
  });
});
