import type { Logger as BoltLogger } from "@slack/bolt";
import { LogLevel } from "@slack/bolt";
import type { Logger } from "#shared/log/logger.ts";

/**
 * Bolt, its WebClient and the Socket Mode client log free-form strings and objects through this
 * adapter into pino. Anything that looks like a Slack credential (bot/user/app tokens, the Socket
 * Mode ticket in the WSS URL) is blanked first: pino's path-based redaction cannot see inside a
 * message string. OAuth setups pass their secrets too: at debug level the WebClient prints request
 * bodies and redacts only fields named like "token", so `client_secret` would reach the log.
 */
export function createBoltLogger(logger: Logger, secrets: readonly string[] = []): BoltLogger {
  const child = logger.child({ component: "slack" });
  const known = secrets.filter((secret) => secret.length >= 4);
  const write = (level: "debug" | "info" | "warn" | "error", parts: unknown[]) => {
    if (!child.isLevelEnabled(level)) return;
    child[level](redactSlackSecrets(parts.map(describe).join(" "), known));
  };
  return {
    debug: (...parts: unknown[]) => write("debug", parts),
    info: (...parts: unknown[]) => write("info", parts),
    warn: (...parts: unknown[]) => write("warn", parts),
    error: (...parts: unknown[]) => write("error", parts),
    // LOG_LEVEL decides; Bolt, WebClient and SocketModeClient each call setLevel on a shared
    // logger, which must not change the level of the whole process.
    setLevel: () => {},
    getLevel: () => boltLevelOf(child.level),
    // WebClient renames the logger it is given; the `component` field already says where lines come from.
    setName: () => {},
  };
}

const secretPatterns: [RegExp, string][] = [
  [/\bxox[a-z]-[A-Za-z0-9-]+/g, "xox…[redacted]"],
  [/\bxapp-[A-Za-z0-9-]+/g, "xapp-[redacted]"],
  [/([?&]ticket=)[^&\s"']+/g, "$1[redacted]"],
  [/("?(?:client_secret|state_secret|signing_secret)"?\s*[:=]\s*"?)[^"&\s,}]+/g, "$1[redacted]"],
];

/** Blanks Slack credentials, OAuth secret fields and every given secret value in a log text. */
export function redactSlackSecrets(text: string, secrets: readonly string[] = []): string {
  let result = secretPatterns.reduce(
    (current, [pattern, replacement]) => current.replace(pattern, replacement),
    text,
  );
  for (const secret of secrets) result = result.replaceAll(secret, "[redacted]");
  return result;
}

function describe(part: unknown): string {
  if (typeof part === "string") return part;
  if (part instanceof Error) return `${part.name}: ${part.message}`;
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}

function boltLevelOf(level: string): LogLevel {
  switch (level) {
    case "trace":
    case "debug":
      return LogLevel.DEBUG;
    case "info":
      return LogLevel.INFO;
    case "warn":
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}
