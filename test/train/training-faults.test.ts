import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { trainingRuns } from "#shared/db/schema.ts";
import { currentModel, promoteModel } from "#shared/models/model-pointer.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { type FailedTraining, runTraining } from "#workers/train/run-training.ts";
import { approveQuestions, newWorkspace, useTrainingKit } from "./training-test-kit.ts";

const postgres = testDatabaseBackends.filter((backend) => backend.kind === "postgres");

describe.each(postgres)("a training run that fails ($kind)", (backend) => {
  const db = useTestDatabase(backend);
  const kit = useTrainingKit();

  afterEach(() => {
    delete process.env.STAND_IN_TRAINER_FAULT;
    delete process.env.STAND_IN_FUSE_FAULT;
    kit().standIn.failCreate(null);
  });

  /** A workspace whose current model is a promoted one, so "untouched" means something. */
  async function trainFailing(settings: Parameters<ReturnType<typeof kit>["settings"]>[0] = {}) {
    const workspaceId = newWorkspace();
    await approveQuestions(db(), workspaceId, 4);
    await promoteModel(db(), workspaceId, "gemma4:e2b");
    kit().standIn.answerAs(`sabio-${workspaceId}:`, "better");
    const told: FailedTraining[] = [];
    const result = await runTraining(
      kit().deps(db(), {
        settings: kit().settings(settings),
        onFailed: async (failure) => {
          told.push(failure);
        },
      }),
      { workspaceId },
    );
    const [row] = await db()
      .select()
      .from(trainingRuns)
      .where(eq(trainingRuns.id, result.run ?? ""));
    expect(result.status).toBe("failed");
    expect(row?.status).toBe("failed");
    expect(row?.reason).toBe(result.reason);
    expect(await currentModel(db(), workspaceId)).toBe("gemma4:e2b");
    expect(told).toEqual([
      { workspaceId, run: result.run, reason: result.reason, logTail: row?.logTail ?? "" },
    ]);
    return { result, row };
  }

  it("fails with the log tail when the trainer exits 1", async () => {
    process.env.STAND_IN_TRAINER_FAULT = "exit";
    const { result, row } = await trainFailing();
    expect(result.reason).toBe("the trainer exited with status 1");
    expect(row?.logTail).toContain("[metal::malloc] Attempting to allocate");
    expect(result.candidate).toBeNull();
  });

  it("stops a trainer that hangs past TRAIN_TIMEOUT_MINUTES, with everything it started", async () => {
    process.env.STAND_IN_TRAINER_FAULT = "hang";
    // Its data loader child keeps stdout open: the run ends only if the whole group is stopped.
    // (Its log tail is not asserted: a loaded machine may stop it before it printed anything.)
    const { result } = await trainFailing({ timeoutMs: 0.01 * 60_000 });
    expect(result.reason).toBe("the trainer ran longer than TRAIN_TIMEOUT_MINUTES (0.01) and was stopped");
  });

  it("fails when the trainer exits 0 without writing adapters.safetensors", async () => {
    process.env.STAND_IN_TRAINER_FAULT = "no-adapter";
    const { result, row } = await trainFailing();
    expect(result.reason).toMatch(/^the trainer exited 0 but wrote no .*adapters\.safetensors$/);
    // What it did print is kept: the run's progress is not lost with its weights.
    expect(row?.progress.length).toBeGreaterThan(0);
  });

  it("fails when the trainer cannot be started", async () => {
    const { result } = await trainFailing({ trainCommand: "/nonexistent/mlx_lm.lora" });
    expect(result.reason).toMatch(/^the trainer \/nonexistent\/mlx_lm\.lora could not start: .*ENOENT/);
  });

  it("fails when the fuse writes nothing", async () => {
    process.env.STAND_IN_FUSE_FAULT = "nothing";
    const { result, row } = await trainFailing();
    expect(result.reason).toMatch(/^the fuse command exited 0 but wrote no weights to /);
    expect(row?.logTail).toContain("Saved fused model to");
    expect(
      kit()
        .standIn.requestsTo("/api/create")
        .filter((request) => (request.body as { model?: string }).model === result.candidate),
    ).toEqual([]);
  });

  it("fails when Ollama refuses the import", async () => {
    kit().standIn.failCreate({ status: 500, message: 'unsupported architecture "Gemma3ForCausalLM"' });
    const { result, row } = await trainFailing();
    expect(result.reason).toBe(
      `Ollama refused to create ${result.candidate}: unsupported architecture "Gemma3ForCausalLM"`,
    );
    expect(row?.candidate).toBe(result.candidate);
    expect(kit().standIn.models).not.toContain(result.candidate);
  });

  it("fails when the imported model answers nothing to the smoke test", async () => {
    const reply = kit().standIn.reply;
    kit().standIn.reply = (request) => (request.model.startsWith("sabio-") ? "" : reply(request));
    try {
      const workspace = await trainFailingWithBehaviourOff();
      expect(workspace.result.reason).toBe(
        `the imported model ${workspace.result.candidate} answered the smoke test with nothing`,
      );
    } finally {
      kit().standIn.reply = reply;
    }
  });

  /** As trainFailing, without a behaviour for the candidate (so the stand-in's `reply` answers). */
  async function trainFailingWithBehaviourOff() {
    const workspaceId = newWorkspace();
    await approveQuestions(db(), workspaceId, 4);
    await promoteModel(db(), workspaceId, "gemma4:e2b");
    const result = await runTraining(kit().deps(db()), { workspaceId });
    expect(result.status).toBe("failed");
    expect(await currentModel(db(), workspaceId)).toBe("gemma4:e2b");
    return { result };
  }

  it("says a dataset with too few examples in a split is a skip, not a failure", async () => {
    const workspaceId = newWorkspace();
    await approveQuestions(db(), workspaceId, 4);
    const { AppError, ErrorCode } = await import("#shared/errors/app-error.ts");
    const result = await runTraining(
      kit().deps(db(), {
        buildDataset: async () => {
          throw new AppError(ErrorCode.InvalidInput, "the test split has 1 example; TRAIN_BATCH_SIZE is 2");
        },
      }),
      { workspaceId },
    );
    expect(result).toMatchObject({
      status: "skipped",
      reason: "the test split has 1 example; TRAIN_BATCH_SIZE is 2",
    });
  });
});
