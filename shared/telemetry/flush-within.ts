import { waitAtMost } from "#shared/process/wait-at-most.ts";
import type { Telemetry } from "./telemetry.ts";

/** Flushes, waiting at most `timeoutMs`: what is still in flight leaves with the next flush. */
export function flushWithin(telemetry: Telemetry, timeoutMs: number): Promise<void> {
  return waitAtMost(telemetry.flush(), timeoutMs);
}

/** Flushes and stops (a CLI command's end), waiting at most `timeoutMs` for a backend that hangs. */
export function shutdownWithin(telemetry: Telemetry, timeoutMs: number): Promise<void> {
  return waitAtMost(telemetry.shutdown(), timeoutMs);
}
