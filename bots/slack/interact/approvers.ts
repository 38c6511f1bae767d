import type { WebClient } from "@slack/web-api";
import type { Approvers } from "#shared/review/approvers.ts";

/** What the Slack check needs: the Web API client of the click (its installation) and its team. */
export interface SlackApproverContext {
  client: WebClient;
  teamId: string;
}

/** Slack's approver check: used by the review service, the App Home and `/sabio connect`. */
export type SlackApprovers = Approvers<SlackApproverContext>;

export interface ApproversOptions {
  /** Slack user ids approved by configuration (SLACK_APPROVERS), besides admins and owners. */
  extraApproverIds: readonly string[];
  /** How long a users.info answer is trusted: a demoted admin loses the right within this time. */
  cacheMs?: number;
  now?: () => number;
}

const maxCachedUsers = 5_000;

/**
 * Slack workspace admins and owners (per users.info) plus the configured list. users.info results are
 * cached briefly: every click would otherwise cost a Tier 4 call before the modal's 3 s deadline.
 */
export function createApprovers(options: ApproversOptions): SlackApprovers {
  const extra = new Set(options.extraApproverIds);
  const cacheMs = options.cacheMs ?? 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { approver: boolean; expiresAt: number }>();

  return {
    async isApprover({ platform, userId }, { client, teamId }) {
      // Another platform's user is never a Slack approver, whatever their id looks like.
      if (platform !== "slack") return false;
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
