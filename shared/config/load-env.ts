import { existsSync } from "node:fs";
import type { z } from "zod";
import { AppError, ErrorCode } from "../errors/app-error.ts";
import { type Env, envSchema } from "./env.ts";

/** Examples shown when a variable is wrong; taken from the schema's descriptions where present. */
function exampleFor(variable: string): string {
  const shape = envSchema.shape as Record<string, z.ZodType>;
  const field = shape[variable];
  const description =
    field?.description ?? (field as { def?: { innerType?: z.ZodType } })?.def?.innerType?.description;
  return description ? ` (${description})` : "";
}

/** One readable line per problem: variable, what was wrong, an example. Values are never echoed. */
export function describeEnvError(error: z.ZodError): string {
  const lines = error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? "environment");
    return `${variable}: ${issue.message}${exampleFor(variable)}`;
  });
  return `Invalid configuration:\n  ${lines.join("\n  ")}`;
}

/** Parses the environment; throws AppError(invalid_config) with a message naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) throw new AppError(ErrorCode.InvalidConfig, describeEnvError(result.error));
  return result.data;
}

/** Reads `.env` (if present, without overriding real variables) into process.env. */
export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
