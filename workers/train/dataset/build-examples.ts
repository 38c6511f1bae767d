import type { SplitName } from "#shared/db/schema.ts";
import type { ChatMessage } from "#shared/model/chat-model.ts";
import type { ChatTokenizer } from "./chat-tokenizer.ts";
import { fitTokenBudget } from "./fit-token-budget.ts";
import type { ApprovalCluster } from "./group-approvals.ts";
import { raftExamples } from "./raft-examples.ts";
import { stableFraction } from "./seeded-random.ts";
import { type ExampleKind, type ExamplePassage, renderExample } from "./training-example.ts";
import { servedExample } from "./usable-approval.ts";

/** One line of a split's JSONL, with what the manifest says about it. */
export interface DatasetLine {
  questionId: string;
  kind: ExampleKind;
  tokens: number;
  /** The context was cut to fit the token budget. */
  shortened: boolean;
  messages: ChatMessage[];
}

export interface BuiltExamples {
  lines: Record<SplitName, DatasetLine[]>;
  skipped: { questionId: string; reason: string }[];
  /** The question each cluster trained on, by cluster key. */
  representatives: Map<string, string>;
  /** Distractor or refusal copies left out for not fitting the budget. */
  extrasOverBudget: number;
}

/**
 * Each cluster's example from its preferred approval that fits the budget (the others are
 * duplicates of it), plus its RAFT copies, in the cluster's split. Clusters are laid out in an order
 * fixed by the seed, so a rebuild writes the same files.
 */
export function buildExamples(
  clusters: readonly { cluster: string; split: SplitName; members: ApprovalCluster["members"] }[],
  pool: readonly ExamplePassage[],
  tokenizer: ChatTokenizer,
  budget: number,
  seed: string,
): BuiltExamples {
  const built: BuiltExamples = {
    lines: { train: [], valid: [], test: [] },
    skipped: [],
    representatives: new Map(),
    extrasOverBudget: 0,
  };
  const ordered = [...clusters].sort(
    (a, b) =>
      stableFraction(seed, a.cluster) - stableFraction(seed, b.cluster) || (a.cluster < b.cluster ? -1 : 1),
  );
  for (const { cluster, split, members } of ordered) {
    let representative: string | undefined;
    for (const member of members) {
      if (representative !== undefined) {
        built.skipped.push({ questionId: member.questionId, reason: `duplicate of ${representative}` });
        continue;
      }
      const base = servedExample(member);
      const fitted = fitTokenBudget(base, tokenizer, budget);
      if (!fitted.fits) {
        built.skipped.push({ questionId: member.questionId, reason: fitted.reason });
        continue;
      }
      representative = member.questionId;
      built.representatives.set(cluster, representative);
      const lines = built.lines[split];
      lines.push(line(fitted.example.kind, fitted));
      for (const extra of raftExamples(base, pool, seed)) {
        const fittedExtra = fitTokenBudget(extra, tokenizer, budget);
        if (fittedExtra.fits) lines.push(line(extra.kind, fittedExtra));
        else built.extrasOverBudget++;
      }
    }
  }
  return built;
}

function line(
  kind: ExampleKind,
  fitted: Extract<ReturnType<typeof fitTokenBudget>, { fits: true }>,
): DatasetLine {
  return {
    questionId: fitted.example.questionId,
    kind,
    tokens: fitted.tokens,
    shortened: fitted.shortened,
    messages: renderExample(fitted.example),
  };
}
