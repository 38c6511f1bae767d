import { AppError, ErrorCode, errorMessage } from "../errors/app-error.ts";
import { redactUrl } from "../log/logger.ts";

// SQLSTATEs that waiting will not fix: wrong user or password, or a database that does not exist.
const configurationStates = new Set(["28000", "28P01", "3D000"]);

/**
 * Turns a failed PostgreSQL connection into an AppError that names the host but never the
 * password: the URL is redacted and the password is scrubbed from the driver's message too.
 */
export function postgresConnectionError(databaseUrl: string, error: unknown): AppError {
  const where = describeHost(databaseUrl);
  const reason = scrubPassword(errorMessage(error), databaseUrl);
  const state = (error as { code?: unknown } | null)?.code;
  if (typeof state === "string" && configurationStates.has(state)) {
    return new AppError(ErrorCode.InvalidConfig, `PostgreSQL at ${where} refused the connection: ${reason}`, {
      cause: error,
      retryable: false,
      hint: `Check the user, password and database name in DATABASE_URL (${redactUrl(databaseUrl)}).`,
    });
  }
  return new AppError(ErrorCode.Unavailable, `Cannot connect to PostgreSQL at ${where}: ${reason}`, {
    cause: error,
    retryable: true,
    hint: `Check that PostgreSQL is running and reachable at ${where} (DATABASE_URL=${redactUrl(databaseUrl)}).`,
  });
}

function describeHost(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return url.port ? `${url.hostname}:${url.port}` : url.hostname || "localhost";
  } catch {
    return "[unparseable url]";
  }
}

function scrubPassword(message: string, databaseUrl: string): string {
  let scrubbed = message.replaceAll(databaseUrl, "[database url]");
  for (const secret of passwordForms(databaseUrl)) scrubbed = scrubbed.replaceAll(secret, "***");
  return scrubbed;
}

/** The password as written in the URL and decoded, whichever a driver might echo. */
function passwordForms(databaseUrl: string): string[] {
  try {
    const encoded = new URL(databaseUrl).password;
    if (!encoded) return [];
    let decoded = encoded;
    try {
      decoded = decodeURIComponent(encoded);
    } catch {
      // Malformed escapes: only the encoded form can appear.
    }
    return [encoded, decoded];
  } catch {
    return [];
  }
}
