import { clusterQuestions, normalizeQuestion } from "./question-clusters.ts";
import { clusterText, type UsableApproval } from "./usable-approval.ts";

/** One question however often it was asked: its approvals, the one to train on first. */
export interface ApprovalCluster {
  /** Preference order: the newest approval (a correction or re-approval counts as new), a correction on a tie. */
  members: UsableApproval[];
  /** Oldest question first, normalized: what the cluster's key is made of. */
  byAge: { questionId: string; normalized: string }[];
}

/** Exact and near-duplicate questions collapsed into clusters, in the order of their oldest question. */
export function groupApprovals(approvals: readonly UsableApproval[]): ApprovalCluster[] {
  const byAge = [...approvals].sort(
    (a, b) =>
      a.questionCreatedAt.getTime() - b.questionCreatedAt.getTime() || compare(a.questionId, b.questionId),
  );
  return clusterQuestions(byAge.map(clusterText)).map((indices) => {
    const members = indices.map((index) => byAge[index] as UsableApproval);
    return {
      members: [...members].sort(
        (a, b) =>
          b.approvedAt.getTime() - a.approvedAt.getTime() ||
          Number(b.corrected) - Number(a.corrected) ||
          compare(a.questionId, b.questionId),
      ),
      byAge: members.map((member) => ({
        questionId: member.questionId,
        normalized: normalizeQuestion(clusterText(member)),
      })),
    };
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
