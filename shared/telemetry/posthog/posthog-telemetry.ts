import type { PostHog } from "posthog-node";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { noTelemetry, type QuestionRef, type Telemetry } from "../telemetry.ts";

/** The part of posthog-node's client this uses (a test may pass a recording one). */
export type PostHogCapture = Pick<PostHog, "capture" | "flush" | "shutdown">;

type Properties = Record<string, string | number | boolean>;

/**
 * Product analytics in PostHog: one event per thing that happened, with the workspace as a group.
 * Each event's properties are listed field by field, never spread from the seam's event: the
 * question, query and answer text the seam carries for traces can't slip in. The client's queue is
 * capped (posthog-from-env.ts), so PostHog being down drops the oldest events instead of growing.
 */
export function createPostHogTelemetry(client: PostHogCapture, logger?: Logger): Telemetry {
  const send = (workspaceId: string, distinctId: string | null, event: string, properties: Properties) => {
    try {
      client.capture({
        // Events without a person (a sync, a webhook) are the workspace's, and make no person profile.
        distinctId: distinctId ?? `workspace:${workspaceId}`,
        event,
        properties: { ...properties, ...(distinctId ? {} : { $process_person_profile: false }) },
        groups: { workspace: workspaceId },
      });
    } catch (error) {
      logger?.warn({ err: errorMessage(error), event }, "posthog: could not queue an event");
    }
  };
  const question = (ref: QuestionRef): Properties => ({
    question_id: ref.questionId,
    platform: ref.platform,
  });
  /** The asker of each question being answered, so answer_posted is theirs too (bounded). */
  const askers = new Map<string, string>();
  let stopped: Promise<void> | undefined;
  return {
    ...noTelemetry,
    questionAsked(event) {
      if (event.userHash) {
        askers.set(event.questionId, event.userHash);
        if (askers.size > 1_000) askers.delete(askers.keys().next().value as string);
      }
      send(event.workspaceId, event.userHash, "question_asked", {
        ...question(event),
        question_length: event.questionLength,
      });
    },
    answerPosted(event) {
      const asker = askers.get(event.questionId) ?? null;
      askers.delete(event.questionId);
      send(event.workspaceId, asker, "answer_posted", {
        ...question(event),
        mode: event.mode,
        latency_ms: event.latencyMs,
        answer_length: event.answerLength,
        source_count: event.sourceCount,
      });
    },
    answerFailed(event) {
      const asker = askers.get(event.questionId) ?? null;
      askers.delete(event.questionId);
      send(event.workspaceId, asker, "answer_failed", {
        ...question(event),
        error_code: event.errorCode,
        latency_ms: event.latencyMs,
      });
    },
    feedbackGiven(event) {
      send(event.workspaceId, event.userHash, "feedback_given", { ...question(event), value: event.value });
    },
    answerApproved(event) {
      send(event.workspaceId, null, "answer_approved", { ...question(event), corrected: event.corrected });
    },
    sourceConnected(event) {
      send(event.workspaceId, null, "source_connected", {
        kind: event.kind,
        connection_id: event.connectionId,
      });
    },
    syncFinished(event) {
      send(event.workspaceId, null, "sync_finished", {
        kind: event.kind,
        connection_id: event.connectionId,
        mode: event.mode,
        state: event.state,
        duration_ms: event.durationMs,
        documents: event.documents,
        failed: event.failed,
      });
    },
    billingStatusChanged(event) {
      send(event.workspaceId, null, "billing_status_changed", { from: event.from, to: event.to });
    },
    // Batched by the client: a job starts the send and does not wait for it (PostHog down costs no time).
    async flush() {
      client.flush().catch(() => {});
    },
    shutdown() {
      stopped ??= client.shutdown(5_000).catch(() => {});
      return stopped;
    },
  };
}
