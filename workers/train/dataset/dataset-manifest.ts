import type { SplitName } from "#shared/db/schema.ts";
import type { ScrubCounts } from "./scrub-text.ts";
import type { ExampleKind } from "./training-example.ts";

export const manifestFormat = "sabio-dataset/1";

export interface SplitCounts {
  /** Lines in the split's JSONL. */
  examples: number;
  approved: number;
  distractor: number;
  refusal: number;
}

/** dataset.json: what was built from what, so a run can be explained and repeated. */
export interface DatasetManifest {
  format: typeof manifestFormat;
  workspaceId: string;
  /** Approvals changed up to here are in this dataset (ISO time). */
  approvalsUntil: string;
  tokenizer: string;
  /** TRAIN_MAX_SEQ_TOKENS: no example is longer. */
  maxSeqTokens: number;
  /** The longest example's tokens. */
  maxTokens: number;
  /** Seeds every shuffle and pick, with each question id. */
  seed: string;
  splitShares: Record<SplitName, number>;
  nearDuplicateThreshold: number;
  counts: {
    approvals: number;
    usable: number;
    clusters: number;
    shortened: number;
    extrasOverBudget: number;
  } & Record<SplitName, SplitCounts>;
  /** What the scrubber replaced, by kind, over every field of the usable approvals. */
  scrubbed: ScrubCounts;
  skipped: { questionId: string; reason: string }[];
  /** The split of every clustered question, duplicates included. */
  splits: Record<string, SplitName>;
  /** Line i of `<split>.jsonl` is entry i here. */
  examples: Record<
    SplitName,
    { questionId: string; kind: ExampleKind; tokens: number; shortened: boolean }[]
  >;
}
