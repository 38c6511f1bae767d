import type { PlatformUser, Reply, ReviewState } from "#shared/platform/platform.ts";

/** The question is unknown in this workspace (forged, foreign or unanswered id). */
export interface Unavailable {
  kind: "unavailable";
}

export interface NotApprover {
  kind: "not-approver";
}

/** The review was taken; `reply` is the answer as every platform should now show it. */
export interface Reviewed {
  kind: "done";
  /** False when the click repeated what was stored (a UI can skip its update). */
  changed: boolean;
  questionId: string;
  state: ReviewState;
  reply: Reply;
}

export interface AlreadyApproved {
  kind: "already-approved";
  by: PlatformUser;
}

/** A correction must say something: an empty text would erase the answer. */
export interface EmptyCorrection {
  kind: "empty-correction";
}

/** An approver may correct this answer; what the correction form starts from. */
export interface Correctable {
  kind: "correctable";
  questionId: string;
  question: string;
  currentText: string;
}

export type VoteResult = Unavailable | Reviewed;
export type ApproveResult = Unavailable | NotApprover | AlreadyApproved | Reviewed;
export type CorrectResult = Unavailable | NotApprover | EmptyCorrection | Reviewed;
export type DropResult = Unavailable | NotApprover | Reviewed;
export type StartCorrectionResult = Unavailable | NotApprover | Correctable;
