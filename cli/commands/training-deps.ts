import type { Database } from "#shared/db/open-database.ts";
import { createOllamaChatModel } from "#shared/model/ollama-chat-model.ts";
import { buildDataset } from "#workers/train/dataset/build-dataset.ts";
import { loadGemmaTokenizer } from "#workers/train/dataset/gemma-tokenizer.ts";
import type { FailedTraining, TrainingDeps } from "#workers/train/run-training.ts";
import { trainingSettingsFromEnv } from "#workers/train/training-settings.ts";
import type { Services } from "../services.ts";

/**
 * runTraining's dependencies from the environment: shared by `sabio train` and the `train` role.
 * The candidate is imported into and judged on Ollama (OLLAMA_HOST) whatever MODEL_PROVIDER says:
 * fused MLX weights are something only Ollama imports.
 */
export function trainingDeps(
  services: Services,
  database: Database,
  onFailed?: (failure: FailedTraining) => Promise<void>,
): TrainingDeps {
  const { env, logger } = services;
  const settings = trainingSettingsFromEnv(env);
  const datasetDeps = {
    db: database.db,
    tokenizer: loadGemmaTokenizer,
    settings: { maxSeqTokens: settings.maxSeqTokens, batchSize: settings.batchSize },
  };
  return {
    db: database.db,
    logger,
    settings,
    buildDataset: (request) => buildDataset(datasetDeps, request),
    chatModel: createOllamaChatModel({ host: env.OLLAMA_HOST }),
    ollama: { host: env.OLLAMA_HOST },
    now: () => new Date(),
    ...(onFailed ? { onFailed } : {}),
  };
}
