import { createLogger, type Logger } from "#shared/log/logger.ts";

/** A real pino logger that writes nothing: tests assert on behaviour, not log lines. */
export function silentLogger(): Logger {
  return createLogger({ level: "silent" });
}
