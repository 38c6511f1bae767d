import type { Env } from "#shared/config/env.ts";
import type { Logger } from "#shared/log/logger.ts";
import { readServiceAccountKey } from "../client/service-account-key.ts";
import { createGroupDirectory, type GroupDirectory } from "./create-group-directory.ts";

/** Google's default Drive root; the Admin SDK has its own (a custom GOOGLE_API_URL serves both). */
const defaultApiUrl = "https://www.googleapis.com/";
const adminApiUrl = "https://admin.googleapis.com/";

type DirectoryEnv = Pick<
  Env,
  "GOOGLE_SERVICE_ACCOUNT_FILE" | "GOOGLE_DRIVE_SUBJECT" | "GOOGLE_API_URL" | "GOOGLE_TOKEN_URL"
>;

/**
 * The Directory from GOOGLE_SERVICE_ACCOUNT_FILE + GOOGLE_DRIVE_SUBJECT, or undefined without them
 * (groups then stay empty; `groupAccessFromEnv` says so). The key file is read on first use; an
 * unreadable one is a logged failure.
 */
export function groupDirectoryFromEnv(env: DirectoryEnv, logger: Logger): GroupDirectory | undefined {
  const file = env.GOOGLE_SERVICE_ACCOUNT_FILE;
  const subject = env.GOOGLE_DRIVE_SUBJECT;
  if (!file || !subject) return undefined;
  return createGroupDirectory({
    credential: async () => ({ kind: "service-account", key: await readServiceAccountKey(file), subject }),
    apiUrl: env.GOOGLE_API_URL === defaultApiUrl ? adminApiUrl : env.GOOGLE_API_URL,
    tokenUrl: env.GOOGLE_TOKEN_URL,
    logger,
  });
}
