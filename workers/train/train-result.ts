import type { TrainingRunStatus } from "#shared/db/schema.ts";

/** What `sabio train --json` prints, and what the `train` role logs per workspace. */
export interface TrainResult {
  status: Exclude<TrainingRunStatus, "running">;
  reason: string | null;
  /** The training_runs row; null for a dry run (not recorded). */
  run: string | null;
  /** The imported model (`sabio-<workspace>:<run id>`), once there is one. */
  candidate: string | null;
  /** The workspace's chat model when the run started: the one the candidate had to beat. */
  current: string;
  /** Overall held-out scores (0–1); null where not evaluated. */
  scores: { candidate: number | null; current: number | null };
  /** Training examples in the dataset (0 when none was built). */
  examples: number;
  trainSeconds: number | null;
  tokensPerSecond: number | null;
  /** Only with --dry-run: what a run would use. */
  dryRun?: { datasetDir: string; config: string };
}
