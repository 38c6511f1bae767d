import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "#shared/db/open-database.ts";
import { currentModel } from "#shared/models/model-pointer.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { addApprovedAnswer, distinctFixtures } from "./dataset/approved-answers-kit.ts";
import { standInFuser, standInTrainer } from "./training-test-kit.ts";

/**
 * `sabio train` through the real CLI: approved answers in an embedded database, the real dataset
 * builder and tokenizer, the stand-in MLX-LM executables and the Ollama stand-in.
 */
describe("sabio train", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let ollama: OllamaStandIn;
  let env: Record<string, string>;

  beforeAll(async () => {
    temp = await makeTempDir();
    ollama = await startOllamaStandIn();
    env = {
      DATA_DIR: join(temp.path, "data"),
      OLLAMA_HOST: ollama.host,
      TRAIN_COMMAND: standInTrainer,
      FUSE_COMMAND: standInFuser,
      TRAIN_MIN_EXAMPLES: "10",
      TRAIN_BATCH_SIZE: "1",
      TRAIN_ITERS: "20",
    };
    const database = await openDatabase({ dataDir: env.DATA_DIR ?? "" });
    try {
      for (const workspaceId of ["acme", "globex", "initech"]) {
        for (const fixture of distinctFixtures(24))
          await addApprovedAnswer(database.db, workspaceId, fixture);
      }
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    await ollama?.stop();
    await temp?.remove();
  });
  afterEach(() => {
    delete process.env.STAND_IN_TRAINER_FAULT;
  });

  async function train(workspace: string, ...options: string[]) {
    const run = await runSabio(["train", "--workspace", workspace, ...options], env);
    return { code: run.code, stdout: run.stdout.trim(), notes: run.notes };
  }

  it("--dry-run prints the plan and the generated config, and trains nothing", async () => {
    const run = await train("acme", "--dry-run");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Dry run: would train mlx-community\/gemma-3-4b-it-bf16 on \d+ examples/);
    expect(run.stdout).toContain("mask_prompt: true");
    expect(run.stdout).toContain("iters: 20");
    expect(ollama.requestsTo("/api/create")).toEqual([]);
  });

  it("--json promotes a better candidate, in the documented shape", async () => {
    ollama.answerAs("sabio-acme:", "better");
    // These fixtures cite their first source, as the default reply does: the current model must lose.
    ollama.answerAs("gemma4:e4b", "worse");
    const run = await train("acme", "--json").finally(() => ollama.answerAs("gemma4:e4b", null));
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      [
        "candidate",
        "current",
        "examples",
        "reason",
        "run",
        "scores",
        "status",
        "tokensPerSecond",
        "trainSeconds",
      ].sort(),
    );
    expect(body).toMatchObject({
      status: "promoted",
      candidate: expect.stringMatching(/^sabio-acme:\d{8}t\d{6}-[0-9a-f]{4}$/),
      current: "gemma4:e4b",
      scores: { candidate: expect.any(Number), current: expect.any(Number) },
      examples: expect.any(Number),
      tokensPerSecond: 245.1,
    });
    const database = await openDatabase({ dataDir: env.DATA_DIR ?? "" });
    try {
      expect(await currentModel(database.db, "acme")).toBe(body.candidate);
    } finally {
      await database.close();
    }
  });

  it("rejects a worse candidate with exit 0 and says the current model stays", async () => {
    ollama.answerAs("sabio-globex:", "worse");
    const run = await train("globex");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Rejected sabio-globex:\S+: candidate \d\.\d+ vs current \d\.\d+ on \d+ held-out questions/,
    );
  });

  it("exits 1 on a failed run and shows the trainer's last lines", async () => {
    process.env.STAND_IN_TRAINER_FAULT = "exit";
    const failed = await train("initech", "--json");
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({
      status: "failed",
      reason: "the trainer exited with status 1",
    });
    const plain = await train("initech");
    expect(plain.code).toBe(1);
    expect(plain.stdout).toBe(
      "Training failed: the trainer exited with status 1. The current model (gemma4:e4b) is unchanged.",
    );
    expect(plain.notes).toContain("[metal::malloc]");
  });

  it("needs a workspace", async () => {
    const run = await runSabio(["train"], env);
    expect(run.code).toBe(2);
    expect(run.notes).toContain("train needs --workspace <id>.");
  });
});
