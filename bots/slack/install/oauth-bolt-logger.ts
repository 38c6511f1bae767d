import type { Logger as BoltLogger } from "@slack/bolt";
import { createBoltLogger } from "#bots/slack/receive/bolt-logger.ts";
import type { Logger } from "#shared/log/logger.ts";

type Level = "debug" | "info" | "warn" | "error";

/**
 * Bolt's logger adapter (tokens blanked), also blanking the OAuth secrets: at debug level the
 * WebClient prints request bodies and redacts only fields named like "token", so `client_secret`
 * of every `oauth.v2.access` call would reach the log as is.
 */
export function createOAuthBoltLogger(logger: Logger, secrets: string[]): BoltLogger {
  const inner = createBoltLogger(logger);
  const known = secrets.filter((secret) => secret.length >= 4);
  const write = (level: Level, parts: unknown[]) => {
    if (!logger.isLevelEnabled(level)) return;
    inner[level](redactOAuthSecrets(parts.map(describe).join(" "), known));
  };
  return {
    ...inner,
    debug: (...parts: unknown[]) => write("debug", parts),
    info: (...parts: unknown[]) => write("info", parts),
    warn: (...parts: unknown[]) => write("warn", parts),
    error: (...parts: unknown[]) => write("error", parts),
  };
}

const secretFields = /("?(?:client_secret|state_secret|signing_secret)"?\s*[:=]\s*"?)[^"&\s,}]+/g;

export function redactOAuthSecrets(text: string, secrets: string[]): string {
  let result = text.replace(secretFields, "$1[redacted]");
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
