import type { Telemetry } from "./telemetry.ts";

type EventName = Exclude<keyof Telemetry, "flush" | "shutdown">;
const eventNames = [
  "questionAsked",
  "retrieval",
  "modelAttempt",
  "answerPosted",
  "answerFailed",
  "feedbackGiven",
  "answerApproved",
  "sourceConnected",
  "syncFinished",
  "billingStatusChanged",
  "stripeWebhook",
] as const satisfies readonly EventName[];

/**
 * One Telemetry that tells every part (Langfuse, PostHog, metrics). A part that throws is skipped
 * for that event: the seam's promise is that an observer never touches an answer.
 */
export function combineTelemetry(...parts: Telemetry[]): Telemetry {
  const combined = {} as Record<EventName, (event: never) => void>;
  for (const name of eventNames) {
    combined[name] = (event: never) => {
      for (const part of parts) {
        try {
          (part[name] as (event: never) => void)(event);
        } catch {
          // an observer's bug must not reach the pipeline
        }
      }
    };
  }
  let stopped: Promise<void> | undefined;
  return {
    ...(combined as unknown as Pick<Telemetry, EventName>),
    async flush() {
      await Promise.allSettled(parts.map((part) => part.flush()));
    },
    shutdown() {
      stopped ??= Promise.allSettled(parts.map((part) => part.shutdown())).then(() => {});
      return stopped;
    },
  };
}
