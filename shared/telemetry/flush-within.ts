import type { Telemetry } from "./telemetry.ts";

/** Flushes, waiting at most `timeoutMs`: what is still in flight leaves with the next flush. */
export function flushWithin(telemetry: Telemetry, timeoutMs: number): Promise<void> {
  return within(telemetry.flush(), timeoutMs);
}

/** Flushes and stops (a CLI command's end), waiting at most `timeoutMs` for a backend that hangs. */
export function shutdownWithin(telemetry: Telemetry, timeoutMs: number): Promise<void> {
  return within(telemetry.shutdown(), timeoutMs);
}

async function within(work: Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([work.catch(() => {}), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
