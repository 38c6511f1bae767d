import type { WebClient } from "@slack/web-api";

/** Who may approve or correct answers; owned here, used by the answer actions and the App Home. */
export interface Approvers {
  isApprover(client: WebClient, teamId: string, userId: string): Promise<boolean>;
}

export interface ApproversOptions {
  /** Slack user ids approved by configuration (SLACK_APPROVERS), besides admins and owners. */
  extraApproverIds: readonly string[];
  /** How long a users.info answer is trusted: a demoted admin loses the right within this time. */
  cacheMs?: number;
  now?: () => number;
}

const maxCachedUsers = 5_000;

/**
 * Workspace admins and owners (per users.info) plus the configured list. users.info results are
 * cached briefly: every click would otherwise cost a Tier 4 call before the modal's 3 s deadline.
 */
export function createApprovers(options: ApproversOptions): Approvers {
  const extra = new Set(options.extraApproverIds);
  const cacheMs = options.cacheMs ?? 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { approver: boolean; expiresAt: number }>();

  return {
    async isApprover(client, teamId, userId) {
      if (extra.has(userId)) return true;
      const key = `${teamId}/${userId}`;
      const cached = cache.get(key);
      if (cached && cached.expiresAt > now()) return cached.approver;
      const { user } = await client.users.info({ user: userId });
      const approver = Boolean(
        user && !user.deleted && !user.is_bot && (user.is_admin || user.is_owner || user.is_primary_owner),
      );
      if (cache.size >= maxCachedUsers) cache.clear();
      cache.set(key, { approver, expiresAt: now() + cacheMs });
      return approver;
    },
  };
}
