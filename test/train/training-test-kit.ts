import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import type { Db } from "#shared/db/database.ts";
import { recordApproval } from "#shared/db/feedback-repository.ts";
import { recordAnswer, recordQuestion } from "#shared/db/question-repository.ts";
import type { ApprovalPin } from "#shared/db/schema.ts";
import { createOllamaChatModel } from "#shared/model/ollama-chat-model.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import type { TrainingDeps } from "#workers/train/run-training.ts";
import type { TrainingSettings } from "#workers/train/training-settings.ts";
import { type DatasetFixtureOptions, writeDatasetFixture } from "./dataset-fixture.ts";

/** The stand-in MLX-LM executables (same arguments and output files as the real ones). */
export const standInTrainer = fileURLToPath(new URL("./bin/mlx_lm.lora", import.meta.url));
export const standInFuser = fileURLToPath(new URL("./bin/mlx_lm.fuse", import.meta.url));

export interface TrainingKit {
  standIn: OllamaStandIn;
  dataDir: string;
  settings(overrides?: Partial<TrainingSettings>): TrainingSettings;
  deps(db: Db, overrides?: Partial<TrainingDeps> & { dataset?: DatasetFixtureOptions }): TrainingDeps;
}

/** An Ollama stand-in and a data dir for the file; call at the top of a test file. */
export function useTrainingKit(): () => TrainingKit {
  let kit: TrainingKit | undefined;
  let removeDir: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const standIn = await startOllamaStandIn();
    const dir = await makeTempDir("sabio-train-");
    removeDir = dir.remove;
    const settings = (overrides: Partial<TrainingSettings> = {}): TrainingSettings => ({
      baseModel: "mlx-community/gemma-3-4b-it-bf16",
      iters: 20,
      batchSize: 2,
      maxSeqTokens: 2048,
      trainCommand: standInTrainer,
      fuseCommand: standInFuser,
      timeoutMs: 60_000,
      minExamples: 3,
      promoteMargin: 0.02,
      defaultChatModel: "gemma4:e4b",
      workDir: `${dir.path}/training`,
      lockPath: `${dir.path}/training.lock`,
      answerTimeoutMs: 10_000,
      ...overrides,
    });
    kit = {
      standIn,
      dataDir: dir.path,
      settings,
      deps: (db, overrides = {}) => {
        const { dataset, ...rest } = overrides;
        return {
          db,
          logger: silentLogger(),
          settings: settings(),
          buildDataset: ({ outDir }) => writeDatasetFixture(outDir, dataset),
          chatModel: createOllamaChatModel({ host: standIn.host }),
          ollama: { host: standIn.host },
          now: () => new Date(),
          ...rest,
        };
      },
    };
  });
  afterAll(async () => {
    await kit?.standIn.stop();
    await removeDir?.();
  });
  return () => {
    if (!kit) throw new Error("useTrainingKit: used outside a test");
    return kit;
  };
}

/** A fresh workspace id for one test. */
export function newWorkspace(): string {
  return `ws-${randomUUID().slice(0, 8)}`;
}

/** `count` answered and approved questions in the workspace (pinned to `pins`: none = never stale). */
export async function approveQuestions(
  db: Db,
  workspaceId: string,
  count: number,
  pins: ApprovalPin[] = [],
): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const { id } = await recordQuestion(db, {
      workspaceId,
      platform: "slack",
      eventId: `Ev${randomUUID()}`,
      text: `Question ${index}?`,
    });
    await recordAnswer(db, {
      questionId: id,
      mode: "generated",
      model: "gemma4:e4b",
      text: `Answer ${index}.`,
    });
    await recordApproval(db, { questionId: id, approver: { platform: "slack", userId: "U1" }, pins });
    ids.push(id);
  }
  return ids;
}
