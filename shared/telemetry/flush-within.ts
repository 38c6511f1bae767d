import type { Telemetry } from "./telemetry.ts";

/** Flushes, waiting at most `timeoutMs`: what is still in flight leaves with the next flush. */
export async function flushWithin(telemetry: Telemetry, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([telemetry.flush().catch(() => {}), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
