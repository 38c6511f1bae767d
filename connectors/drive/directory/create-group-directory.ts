import { admin } from "@googleapis/admin";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { type DriveRetryOptions, retryDriveRequests } from "../client/retry-drive-requests.ts";
import { type DirectoryCredential, directoryAuth, directoryGroupScope } from "./directory-auth.ts";
import { listMemberGroups, maxLookUpRequests } from "./list-member-groups.ts";

export interface GroupDirectorySettings {
  /** The service account with GOOGLE_DRIVE_SUBJECT (a Workspace admin), or how to load it. */
  credential: DirectoryCredential | (() => Promise<DirectoryCredential>);
  /** The Admin SDK's root (`https://admin.googleapis.com/`, or a proxy or stand-in). */
  apiUrl: string;
  /** GOOGLE_TOKEN_URL: where the service account's JWT grant goes. */
  tokenUrl: string;
  logger: Logger;
  /** How long one person's groups are reused (default 10 minutes). */
  ttlMs?: number;
  now?: () => number;
  /** Retry policy; kept short by default: an answer waits on it. */
  retry?: DriveRetryOptions;
}

export interface GroupDirectory {
  /**
   * The groups `email` belongs to, directly or through groups inside groups; [] when the directory
   * can't tell. Never throws.
   */
  groupsOf(email: string): Promise<string[]>;
}

const defaultTtlMs = 10 * 60_000;
const failureLogEveryMs = 60_000;
/** Most people remembered at once; the oldest go first. */
const maxCachedPeople = 10_000;
const answerFriendlyRetry: DriveRetryOptions = {
  rateLimitRetries: 2,
  rateLimitBudgetMs: 5_000,
  failureRetries: 1,
  initialRetryDelayMs: 250,
  maxRetryDelayMs: 2_000,
  attemptTimeoutMs: 10_000,
};

/**
 * Group membership from the Admin SDK Directory API, for access checks, nested groups followed. Each
 * person's groups (the whole expansion) are cached for `ttlMs` (one look-up shared by concurrent asks). A failure — a subject who is no admin,
 * delegation without the scope, an outage — gives [] (the asker then sees less, never more) and is
 * logged at most once a minute, so a broken directory never fails an answer nor floods the log.
 */
export function createGroupDirectory(settings: GroupDirectorySettings): GroupDirectory {
  const ttlMs = settings.ttlMs ?? defaultTtlMs;
  const now = settings.now ?? Date.now;
  const cache = new Map<string, { groups: string[]; expiresAt: number }>();
  const pending = new Map<string, Promise<string[]>>();
  let api: Promise<ReturnType<typeof directoryApi>> | undefined;
  let lastLoggedAt = Number.NEGATIVE_INFINITY;
  let unlogged = 0;

  const connect = () => {
    api ??= (async () => {
      const credential =
        typeof settings.credential === "function" ? await settings.credential() : settings.credential;
      return directoryApi(credential, settings);
    })().catch((error: unknown) => {
      api = undefined; // a key file fixed later is read again
      throw error;
    });
    return api;
  };

  const reportFailure = (error: unknown) => {
    unlogged += 1;
    if (now() - lastLoggedAt < failureLogEveryMs) return;
    settings.logger.warn(
      {
        err: errorMessage(error),
        failures: unlogged,
        hint: `GOOGLE_DRIVE_SUBJECT must be a Workspace admin and the service account's domain-wide delegation must include ${directoryGroupScope}`,
      },
      "could not read group membership from the Google directory; files shared only with a group are hidden from askers meanwhile",
    );
    lastLoggedAt = now();
    unlogged = 0;
  };

  const lookUp = async (email: string): Promise<string[]> => {
    try {
      const { groups, truncated } = await listMemberGroups(await connect(), email);
      if (truncated) {
        // Cached like any answer: asking again would spend the same quota to be cut off again.
        settings.logger.warn(
          { groupsFound: groups.length, maxRequests: maxLookUpRequests },
          "stopped following someone's Google groups after too many directory requests; files shared only with the groups not reached stay hidden from them",
        );
      }
      cache.delete(email);
      cache.set(email, { groups, expiresAt: now() + ttlMs });
      if (cache.size > maxCachedPeople) cache.delete(cache.keys().next().value ?? "");
      return groups;
    } catch (error) {
      reportFailure(error);
      return [];
    } finally {
      pending.delete(email);
    }
  };

  return {
    groupsOf(address) {
      const email = address.trim().toLowerCase();
      if (!email.includes("@")) return Promise.resolve([]);
      const cached = cache.get(email);
      if (cached && cached.expiresAt > now()) return Promise.resolve(cached.groups);
      const running = pending.get(email) ?? lookUp(email);
      pending.set(email, running);
      return running;
    },
  };
}

function directoryApi(credential: DirectoryCredential, settings: GroupDirectorySettings) {
  return admin({
    version: "directory_v1",
    rootUrl: settings.apiUrl,
    auth: directoryAuth(credential, settings.tokenUrl),
    retry: false,
    fetchImplementation: retryDriveRequests((input, init) => fetch(input, init), {
      ...answerFriendlyRetry,
      ...settings.retry,
    }),
  });
}
