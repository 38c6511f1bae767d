import type { Logger } from "../log/logger.ts";

/** The part of `process` this needs; tests pass an EventEmitter. */
export interface FatalErrorSource {
  on(event: "uncaughtException" | "unhandledRejection", listener: (error: unknown) => void): unknown;
  off(event: "uncaughtException" | "unhandledRejection", listener: (error: unknown) => void): unknown;
}

export interface FatalErrorOptions {
  process: FatalErrorSource;
  logger: Logger;
  /** Ends the process at once: the last resort when the graceful shutdown does not. */
  exit: (code: number) => void;
  /** How long the graceful shutdown may take before `exit(1)` (above its own force timeout). */
  graceMs: number;
  /** Test seam for the grace timer. */
  setTimer?: (run: () => void, ms: number) => unknown;
}

export interface FatalErrorHandle {
  /** From now on a fatal error runs this (the graceful shutdown) instead of exiting at once. */
  useShutdown(shutdown: (reason: string) => Promise<void>): void;
  /** The code to exit with: never 0 once a fatal error happened, so PM2 restarts the process. */
  exitCode(code: number): number;
  /** Removes the listeners (tests). */
  dispose(): void;
}

/**
 * An exception nothing caught, or a rejection nobody handled, leaves the process in an unknown
 * state: a half-dead bot that acknowledges events but never answers is worse than a restart. So
 * the error is logged (summarised, secrets blanked), the graceful shutdown runs (running jobs
 * finish) and the process exits non-zero for PM2 to restart it. Before the shutdown is wired (or
 * if it hangs) it exits 1 directly.
 */
export function onFatalError(options: FatalErrorOptions): FatalErrorHandle {
  const { logger } = options;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms).unref());
  let shutdown: ((reason: string) => Promise<void>) | undefined;
  let failed = false;

  const handle = (kind: "uncaughtException" | "unhandledRejection") => (error: unknown) => {
    logger.fatal({ kind, error: summarise(error) }, "fatal error: shutting down for a clean restart");
    if (failed) return;
    failed = true;
    if (!shutdown) {
      options.exit(1);
      return;
    }
    setTimer(() => {
      logger.error({ graceMs: options.graceMs }, "shutdown after a fatal error did not finish: exiting");
      options.exit(1);
    }, options.graceMs);
    shutdown(kind).catch(() => options.exit(1));
  };
  const onException = handle("uncaughtException");
  const onRejection = handle("unhandledRejection");
  options.process.on("uncaughtException", onException);
  options.process.on("unhandledRejection", onRejection);

  return {
    useShutdown(next) {
      shutdown = next;
    },
    exitCode: (code) => (failed ? Math.max(code, 1) : code),
    dispose() {
      options.process.off("uncaughtException", onException);
      options.process.off("unhandledRejection", onRejection);
    },
  };
}

interface ErrorSummary {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

/** Name, code, message and stack only: a thrown HTTP error can carry headers and bodies. */
function summarise(error: unknown): ErrorSummary {
  if (!(error instanceof Error)) return { name: typeof error, message: blankSecrets(String(error)) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: blankSecrets(error.message),
    ...(typeof code === "string" ? { code } : {}),
    ...(error.stack ? { stack: blankSecrets(error.stack) } : {}),
  };
}

const secretPatterns: [RegExp, string][] = [
  [/\bxox[a-z]-[A-Za-z0-9-]+/g, "xox…[redacted]"],
  [/\bxapp-[A-Za-z0-9-]+/g, "xapp-[redacted]"],
  [/\b(?:secret|ntn)_[A-Za-z0-9]{20,}/g, "[redacted notion token]"],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, "$1 [redacted]"],
  [/(\w+:\/\/)[^/\s:@]*:[^/\s@]+@/g, "$1***@"],
  [/((?:token|secret|password|key)"?\s*[:=]\s*"?)[^"&\s,}]+/gi, "$1[redacted]"],
];

/** The logger blanks secret fields by name; a message text needs its secrets blanked by shape. */
function blankSecrets(text: string): string {
  return secretPatterns.reduce(
    (current, [pattern, replacement]) => current.replace(pattern, replacement),
    text,
  );
}
