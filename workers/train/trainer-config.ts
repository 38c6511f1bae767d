import type { ConfigValue } from "./config-yaml.ts";

export interface TrainerSettings {
  /** TRAIN_BASE_MODEL: a Hugging Face id or a local path MLX-LM loads. */
  baseModel: string;
  iters: number;
  batchSize: number;
  maxSeqTokens: number;
}

/**
 * The `--config` file for `mlx_lm.lora`. Prompt masking trains on the approved answer only (the
 * served context is given, not learnt). The validation split is small, so every batch of it is
 * scored (`val_batches: -1`); a fixed seed makes two runs on the same data comparable.
 */
export function trainerConfig(
  settings: TrainerSettings,
  paths: { dataDir: string; adapterDir: string },
): Record<string, ConfigValue> {
  return {
    train: true,
    model: settings.baseModel,
    data: paths.dataDir,
    adapter_path: paths.adapterDir,
    fine_tune_type: "lora",
    mask_prompt: true,
    num_layers: 16,
    batch_size: settings.batchSize,
    iters: settings.iters,
    learning_rate: 1e-5,
    max_seq_length: settings.maxSeqTokens,
    steps_per_report: 10,
    steps_per_eval: Math.max(1, Math.min(200, Math.floor(settings.iters / 4))),
    val_batches: -1,
    save_every: 100,
    seed: 0,
  };
}
