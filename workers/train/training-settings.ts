import { join } from "node:path";
import type { Env } from "#shared/config/env.ts";
import type { TrainerSettings } from "./trainer-config.ts";

export interface TrainingSettings extends TrainerSettings {
  trainCommand: string;
  fuseCommand: string;
  /** TRAIN_TIMEOUT_MINUTES in milliseconds; the fuse gets the same limit. */
  timeoutMs: number;
  /** Approvals not yet trained on a run needs (TRAIN_MIN_EXAMPLES). */
  minExamples: number;
  promoteMargin: number;
  /** CHAT_MODEL: the current model when none was promoted. */
  defaultChatModel: string;
  /** Where runs keep their dataset, config, adapters and (until imported) fused weights. */
  workDir: string;
  /** The machine-wide one-training-at-a-time lock file. */
  lockPath: string;
  /** Longest wait for one answer during the smoke test and the evaluation. */
  answerTimeoutMs: number;
}

export function trainingSettingsFromEnv(env: Env): TrainingSettings {
  return {
    baseModel: env.TRAIN_BASE_MODEL,
    iters: env.TRAIN_ITERS,
    batchSize: env.TRAIN_BATCH_SIZE,
    maxSeqTokens: env.TRAIN_MAX_SEQ_TOKENS,
    trainCommand: env.TRAIN_COMMAND,
    fuseCommand: env.FUSE_COMMAND,
    timeoutMs: env.TRAIN_TIMEOUT_MINUTES * 60_000,
    minExamples: env.TRAIN_MIN_EXAMPLES,
    promoteMargin: env.TRAIN_PROMOTE_MARGIN,
    defaultChatModel: env.CHAT_MODEL,
    workDir: join(env.DATA_DIR, "training"),
    lockPath: join(env.DATA_DIR, "training.lock"),
    // A cold model load plus a long grounded answer on a laptop; at least the chat timeout.
    answerTimeoutMs: Math.max(env.CHAT_TIMEOUT_SECONDS * 1000, 120_000),
  };
}
