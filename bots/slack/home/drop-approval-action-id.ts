/** The App Home's "Drop" button on a stale approval (the other answer buttons are in format/answer-action-ids.ts). */
export const dropApprovalActionId = "sabio_drop_approval";
