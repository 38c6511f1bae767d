/**
 * What happens once an answer is approved, corrected or re-approved (Slack, Discord, the CLI): the
 * answer bank indexes it. A listener's failure is logged by the caller and never undoes the approval.
 */
export interface ApprovalEvents {
  approved(workspaceId: string, questionId: string): Promise<void>;
}

/** Nobody listens yet: the default until the answer bank is wired in. */
export const noApprovalEvents: ApprovalEvents = {
  async approved() {},
};
