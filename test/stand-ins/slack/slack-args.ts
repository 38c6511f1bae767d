import { SlackMethodError } from "./slack-method-error.ts";

/** A method's arguments as the stand-in parsed them (form or JSON body, query string). */
export type SlackArgs = Record<string, unknown>;

/** A string argument, or undefined when absent or empty (Slack treats both alike). */
export function optionalString(args: SlackArgs, name: string): string | undefined {
  const value = args[name];
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A string argument the method cannot do without; Slack answers `invalid_arguments` when it is missing. */
export function requiredString(args: SlackArgs, name: string, error = "invalid_arguments"): string {
  const value = optionalString(args, name);
  if (value === undefined) throw new SlackMethodError(error);
  return value;
}
