import type { Logger } from "../log/logger.ts";

/** The part of `process` this needs; tests pass an EventEmitter. */
export interface SignalSource {
  on(event: string, listener: (signal: string) => void): unknown;
  off(event: string, listener: (signal: string) => void): unknown;
}

export interface ShutdownOptions {
  /** How long the closers may take before the force closers run (keep it below PM2's kill_timeout). */
  timeoutMs: number;
  logger: Logger;
  /** Run after the timeout, e.g. `() => worker.close(true)`. Bounded by `forceTimeoutMs`. */
  forceClosers?: Array<() => Promise<void>>;
  forceTimeoutMs?: number;
  signals?: readonly string[];
  source?: SignalSource;
  exit?: (code: number) => void;
}

export interface ShutdownHandle {
  /** Starts the shutdown without a signal (e.g. after a fatal error); same steps, same exit. */
  shutdown(reason: string): Promise<void>;
  /** Removes the signal listeners (tests). */
  dispose(): void;
}

/**
 * On the first SIGINT/SIGTERM: run every closer at once (e.g. `() => worker.close()`, which lets
 * running jobs finish) and exit 0, or 1 if one failed. If they take longer than `timeoutMs`, run
 * the force closers and exit 1. A second signal exits 1 at once.
 */
export function onShutdown(closers: Array<() => Promise<void>>, options: ShutdownOptions): ShutdownHandle {
  const { logger, timeoutMs } = options;
  const source: SignalSource = options.source ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? ["SIGINT", "SIGTERM"];
  let phase: "running" | "closing" | "exited" = "running";

  const finish = (code: number): void => {
    if (phase === "exited") return;
    phase = "exited";
    exit(code);
  };

  const onSignal = (signal: string): void => {
    if (phase === "running") {
      void shutdown(signal);
    } else if (phase === "closing") {
      logger.warn({ signal }, "second signal: exiting without waiting");
      finish(1);
    }
  };

  async function shutdown(reason: string): Promise<void> {
    if (phase !== "running") return;
    phase = "closing";
    logger.info({ reason, timeoutMs }, "shutting down: finishing running jobs");
    const outcome = await settleWithin(closers, timeoutMs);
    if (phase !== "closing") return;
    if (outcome === "timeout") {
      logger.error({ timeoutMs }, "shutdown timed out: closing by force");
      await settleWithin(options.forceClosers ?? [], options.forceTimeoutMs ?? 2_000);
      finish(1);
      return;
    }
    const failures = outcome.filter((result) => result.status === "rejected");
    for (const failure of failures) {
      logger.error({ error: String(failure.reason) }, "a closer failed during shutdown");
    }
    logger.info("shutdown complete");
    finish(failures.length > 0 ? 1 : 0);
  }

  for (const signal of signals) source.on(signal, onSignal);

  return {
    shutdown,
    dispose() {
      for (const signal of signals) source.off(signal, onSignal);
    },
  };
}

/** Runs all tasks at once; their results, or "timeout" if they did not all settle in time. */
async function settleWithin(
  tasks: Array<() => Promise<void>>,
  timeoutMs: number,
): Promise<PromiseSettledResult<void>[] | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    // Starting each task inside then() turns a synchronous throw into a rejection like any other.
    const settled = Promise.allSettled(tasks.map((task) => Promise.resolve().then(task)));
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
