import { existsSync } from "node:fs";
import type { z } from "zod";
import { AppError, ErrorCode } from "../errors/app-error.ts";
import { type Env, envSchema } from "./env.ts";

/**
 * One line per bad variable: the variable, what was wrong, one example (each check in env.ts
 * carries its own). A value failing several checks (`-3.5`: not whole, below 1) reports the first
 * only. Values are never echoed: a secret pasted into the wrong variable stays out of logs.
 */
export function describeEnvError(error: z.ZodError): string {
  const lines = new Map<string, string>();
  for (const issue of error.issues) {
    const variable = String(issue.path[0] ?? "environment");
    if (!lines.has(variable)) lines.set(variable, `${variable}: ${issue.message}`);
  }
  // In env.ts's order, whether a check is the variable's own or a cross-field rule.
  const order = Object.keys(envSchema.shape);
  const rank = (variable: string) => (order.includes(variable) ? order.indexOf(variable) : order.length);
  const sorted = [...lines.entries()].sort(([a], [b]) => rank(a) - rank(b));
  return `Invalid configuration:\n  ${sorted.map(([, line]) => line).join("\n  ")}`;
}

export interface ParseEnvOptions {
  /**
   * Variables this command never reads (REDIS_URL for `ingest`): they keep their defaults, so a
   * value meant for another process (or a stale one) cannot stop a command that does not use it.
   */
  unused?: readonly (keyof Env)[];
  /**
   * Variables this command reads only in a case it can do without (REDIS_URL for `ingest`: only to
   * hand its work to a running `sabio start`): a bad value is dropped for the default instead of
   * stopping the command.
   */
  lenient?: readonly (keyof Env)[];
}

/** Parses the environment; throws AppError(invalid_config) with a message naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>, options: ParseEnvOptions = {}): Env {
  const input = { ...source };
  for (const variable of options.unused ?? []) delete input[variable];
  for (const variable of options.lenient ?? [])
    if (!envSchema.shape[variable].safeParse(input[variable]).success) delete input[variable];
  const result = envSchema.safeParse(input);
  if (!result.success) throw new AppError(ErrorCode.InvalidConfig, describeEnvError(result.error));
  return result.data;
}

/** Reads `.env` (if present, without overriding real variables) into process.env. */
export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
