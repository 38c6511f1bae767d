/**
 * What a run reads of the dataset builder's result (workers/train/dataset/build-dataset.ts, whose
 * DatasetResult has these fields and more): bound to its own dependencies by the wiring.
 */
export interface TrainingDataset {
  dir: string;
  train: number;
  valid: number;
  test: number;
  /** Approvals changed up to here are in the dataset: the next run counts newer ones. */
  approvalsUntil: Date;
  manifest: object;
}

export type BuildTrainingDataset = (input: {
  workspaceId: string;
  outDir: string;
}) => Promise<TrainingDataset>;
