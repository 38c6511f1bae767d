import { existsSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { trainingRuns } from "#shared/db/schema.ts";
import { currentModel } from "#shared/models/model-pointer.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { runTraining } from "#workers/train/run-training.ts";
import { approveQuestions, newWorkspace, useTrainingKit } from "./training-test-kit.ts";

describe.each(testDatabaseBackends)("a training run on $kind", (backend) => {
  const db = useTestDatabase(backend);
  const kit = useTrainingKit();

  async function runRow(id: string | null) {
    const [row] = await db()
      .select()
      .from(trainingRuns)
      .where(eq(trainingRuns.id, id ?? ""));
    if (!row) throw new Error(`no training run ${id}`);
    return row;
  }

  it("promotes a candidate that beats the current model on the held-out split, and records the run", async () => {
    const workspaceId = newWorkspace();
    await approveQuestions(db(), workspaceId, 4);
    kit().standIn.answerAs(`sabio-${workspaceId}:`, "better");

    const result = await runTraining(kit().deps(db()), { workspaceId });

    expect(result).toMatchObject({
      status: "promoted",
      current: "gemma4:e4b",
      examples: 6,
      tokensPerSecond: 245.1,
    });
    expect(result.candidate).toBe(`sabio-${workspaceId}:${result.run}`);
    expect(result.scores.candidate).toBeGreaterThan((result.scores.current ?? 1) + 0.02);
    expect(result.trainSeconds).toBeGreaterThanOrEqual(0);
    expect(await currentModel(db(), workspaceId)).toBe(result.candidate);
    expect(kit().standIn.models).toContain(result.candidate);
    const create = kit()
      .standIn.requestsTo("/api/create")
      .find((request) => (request.body as { model?: string }).model === result.candidate);
    expect(
      Object.keys((create?.body as { files?: Record<string, string> } | undefined)?.files ?? {}),
    ).toEqual(["config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"]);

    const row = await runRow(result.run);
    expect(row).toMatchObject({
      status: "promoted",
      candidate: result.candidate,
      current: "gemma4:e4b",
      examples: 6,
    });
    expect(row.config).toContain("mask_prompt: true");
    expect(row.config).toContain('model: "mlx-community/gemma-3-4b-it-bf16"');
    expect(row.manifest).toMatchObject({ train: 6, refusals: 2 });
    expect(row.progress.length).toBeGreaterThan(2);
    expect(row.progress).toContainEqual(
      expect.objectContaining({ iteration: 20, trainLoss: expect.any(Number) }),
    );
    expect(row.peakMemoryGb).toBeCloseTo(9.02, 3);
    expect(row.scores).toMatchObject({ candidate: { citation: 1, refusal: 1 }, current: { citation: 0 } });
    expect(row.approvalsUntil).toBeInstanceOf(Date);
    expect(row.finishedAt).toBeInstanceOf(Date);
    // Ollama has its own copy: the fused weights are not kept on disk.
    expect(existsSync(join(kit().settings().workDir, workspaceId, result.run ?? "", "fused"))).toBe(false);

    // Everything approved is trained on now: the next run has nothing new.
    const next = await runTraining(kit().deps(db()), { workspaceId });
    expect(next).toMatchObject({ status: "skipped", current: result.candidate });
    expect(next.reason).toMatch(/^0 new approvals since the last training/);
  });

  it("rejects a candidate that answers worse, keeps it in Ollama and the current model unchanged", async () => {
    const workspaceId = newWorkspace();
    await approveQuestions(db(), workspaceId, 4);
    kit().standIn.answerAs(`sabio-${workspaceId}:`, "worse");

    const result = await runTraining(kit().deps(db()), { workspaceId });

    expect(result.status).toBe("rejected");
    expect(result.reason).toMatch(/not better by TRAIN_PROMOTE_MARGIN 0.02/);
    expect(result.scores.candidate).toBeLessThan(result.scores.current ?? 0);
    expect(await currentModel(db(), workspaceId)).toBeNull();
    expect(kit().standIn.models).toContain(result.candidate);
    expect(await runRow(result.run)).toMatchObject({ status: "rejected", candidate: result.candidate });
  });

  it("skips below TRAIN_MIN_EXAMPLES, not counting stale approvals, and records the skip", async () => {
    const workspaceId = newWorkspace();
    await approveQuestions(db(), workspaceId, 2);
    // Pinned to a document that is gone: stale, so not trained on.
    await approveQuestions(db(), workspaceId, 3, [{ documentId: "gone", contentHash: "h", title: "Gone" }]);

    const result = await runTraining(kit().deps(db()), { workspaceId });

    expect(result).toMatchObject({ status: "skipped", candidate: null, examples: 0 });
    expect(result.reason).toBe("2 new approvals so far; a run needs 3 (TRAIN_MIN_EXAMPLES)");
    expect(await runRow(result.run)).toMatchObject({ status: "skipped", reason: result.reason });
  });
  it("--dry-run builds the dataset and the config, trains nothing and records nothing", async () => {
    const workspaceId = newWorkspace();
    await approveQuestions(db(), workspaceId, 4);
    const creates = kit().standIn.requestsTo("/api/create").length;

    const result = await runTraining(kit().deps(db()), { workspaceId, dryRun: true });

    expect(result).toMatchObject({ status: "skipped", run: null, candidate: null, examples: 6 });
    expect(result.reason).toBe(
      "dry run: would train mlx-community/gemma-3-4b-it-bf16 on 6 examples (2 validation, 6 held out) with " +
        kit().settings().trainCommand,
    );
    const datasetDir = result.dryRun?.datasetDir ?? "";
    expect(existsSync(join(datasetDir, "train.jsonl"))).toBe(true);
    expect(result.dryRun?.config).toContain(`data: ${JSON.stringify(datasetDir)}`);
    expect(result.dryRun?.config).toContain("train: true");
    expect(existsSync(join(datasetDir, "..", "adapters"))).toBe(false);
    expect(kit().standIn.requestsTo("/api/create")).toHaveLength(creates);
    expect(await db().select().from(trainingRuns).where(eq(trainingRuns.workspaceId, workspaceId))).toEqual(
      [],
    );
  });
});
