import type { WebClient } from "@slack/web-api";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { Asker, ReplyTarget } from "#shared/platform/platform.ts";

export interface SlackAskerOptions {
  clientFor: (target: ReplyTarget) => Promise<WebClient>;
  logger: Logger;
  now?: () => number;
  /** How long a user's email is trusted before users.info is asked again. */
  ttlMs?: number;
}

/** Users remembered at most: a busy workspace's askers, not its whole directory. */
const maxCached = 10_000;

/**
 * The asker's email from `users.info` (`user.profile.email`, shown to tokens with
 * `users:read.email`), remembered per user for a few minutes so a conversation costs one call. A
 * failure (missing scope, rate limit, a stranger) is logged and answers "unknown email": the
 * answer then shows only what is shared with a whole domain or anyone, and is never held up.
 */
export function createSlackAsker(options: SlackAskerOptions): (target: ReplyTarget) => Promise<Asker> {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const cache = new Map<string, { asker: Asker; until: number }>();

  return async (target) => {
    if (!target.userId) return {};
    const key = `${target.teamId ?? target.workspaceId}/${target.userId}`;
    const cached = cache.get(key);
    if (cached && cached.until > now()) return cached.asker;
    let asker: Asker;
    try {
      const client = await options.clientFor(target);
      const result = await client.users.info({ user: target.userId });
      const email = result.user?.profile?.email?.trim();
      asker = email ? { email } : {};
    } catch (error) {
      // The user id only: an email is personal data and has no place in logs.
      options.logger.warn(
        { err: errorMessage(error), userId: target.userId },
        "could not read the asker's email; answering from what the whole domain may see",
      );
      return {};
    }
    cache.delete(key);
    cache.set(key, { asker, until: now() + ttlMs });
    if (cache.size > maxCached) cache.delete(cache.keys().next().value as string);
    return asker;
  };
}
