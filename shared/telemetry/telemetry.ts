/**
 * The one seam every observer (Langfuse traces, PostHog events, Prometheus metrics) hangs on: the
 * answering pipeline, bots, syncs and billing report what happened here, never to a vendor
 * directly. Events carry ids, counts, lengths and timings; the only text is the question, query
 * and answer fields Langfuse traces are for, and observers other than tracing must drop them.
 * Implementations never throw and never block: a telemetry outage must not touch an answer.
 */
export interface Telemetry {
  questionAsked(event: QuestionAsked): void;
  retrieval(event: RetrievalDone): void;
  modelAttempt(event: ModelAttemptDone): void;
  answerPosted(event: AnswerPosted): void;
  /** The job gave up on a question (its last attempt failed): closes its trace, counts it failed. */
  answerFailed(event: AnswerFailed): void;
  feedbackGiven(event: FeedbackGiven): void;
  answerApproved(event: AnswerApproved): void;
  sourceConnected(event: SourceConnected): void;
  syncFinished(event: SyncFinished): void;
  billingStatusChanged(event: BillingStatusChanged): void;
  stripeWebhook(event: StripeWebhookHandled): void;
  /** Sends what is buffered (before a job ends); resolves even when a backend is down. */
  flush(): Promise<void>;
  /** Flushes and stops, once (SIGTERM). */
  shutdown(): Promise<void>;
}

export interface QuestionRef {
  workspaceId: string;
  questionId: string;
  platform: string;
}

export interface QuestionAsked extends QuestionRef {
  /** A salted hash of the platform user id: never the id itself. */
  userHash: string | null;
  /** The question's text, for the trace's input only. */
  question: string;
  questionLength: number;
}

export interface RetrievalDone extends QuestionRef {
  /** What was searched for (trace input only). */
  query: string;
  results: { chunkId: string; documentId: string; score: number }[];
  dense: boolean;
  durationMs: number;
}

export interface ModelAttemptDone extends QuestionRef {
  model: string;
  /** "ok" or the error code of the failure. */
  outcome: string;
  /** True for every attempt after the first (a fallback model). */
  fallback: boolean;
  startedAt: Date;
  durationMs: number;
  timeToFirstTokenMs?: number;
  promptTokens?: number;
  completionTokens?: number;
}

export interface AnswerPosted extends QuestionRef {
  mode: "generated" | "extractive" | "approved" | "refused";
  /** From the question's arrival to the finished reply. */
  latencyMs: number;
  answerLength: number;
  sourceCount: number;
  /** The answer's text, for the trace's output only. */
  answer: string;
}

export interface AnswerFailed extends QuestionRef {
  /** The AppError code (or "internal"). */
  errorCode: string;
  latencyMs: number;
}

export interface FeedbackGiven extends QuestionRef {
  userHash: string;
  value: "up" | "down";
}

export interface AnswerApproved extends QuestionRef {
  corrected: boolean;
}

export interface SourceConnected {
  workspaceId: string;
  kind: string;
  connectionId: string;
}

export interface SyncFinished {
  workspaceId: string;
  kind: string;
  connectionId: string;
  mode: "incremental" | "full";
  state: string;
  durationMs: number;
  documents: number;
  failed: number;
}

export interface BillingStatusChanged {
  workspaceId: string;
  from: string;
  to: string;
}

export interface StripeWebhookHandled {
  type: string;
  outcome: "applied" | "duplicate" | "stale" | "ignored" | "rejected" | "failed";
}

/** Telemetry that records nothing: the default when no observer is configured. */
export const noTelemetry: Telemetry = {
  questionAsked() {},
  retrieval() {},
  modelAttempt() {},
  answerPosted() {},
  answerFailed() {},
  feedbackGiven() {},
  answerApproved() {},
  sourceConnected() {},
  syncFinished() {},
  billingStatusChanged() {},
  stripeWebhook() {},
  async flush() {},
  async shutdown() {},
};
