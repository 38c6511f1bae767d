import { AppError, ErrorCode } from "../errors/app-error.ts";

const pattern = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/**
 * Workspace ids name tables, collections and folders, so they are checked strictly:
 * lowercase letters, digits, "-" and "_", 1–63 characters. Upper case is folded; anything else is
 * rejected (never normalised into something that could escape a directory).
 */
export function parseWorkspaceId(input: string): string {
  const candidate = input.trim().toLowerCase();
  if (!pattern.test(candidate)) {
    throw new AppError(
      ErrorCode.InvalidWorkspace,
      `Invalid workspace id ${JSON.stringify(input.slice(0, 80))}: use 1–63 characters of a-z, 0-9, "-" or "_", starting with a letter or digit (e.g. "acme" or "team-42").`,
    );
  }
  return candidate;
}
