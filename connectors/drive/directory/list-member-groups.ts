import type { admin_directory_v1 } from "@googleapis/admin";

/** The Directory API's largest page. */
const pageSize = 200;
/**
 * Most `groups.list` requests (pages included) one person's look-up makes. An answer waits on it and
 * each request counts against the Directory API's per-minute quota, so a person in hundreds of
 * groups, a very deep nesting or a pager that never ends is cut off here: they then see fewer files
 * (never more) and the cut is reported. Ordinary directories need a few dozen.
 */
export const maxLookUpRequests = 500;
/** Requests in flight at once: nesting levels are walked in parallel, within the quota. */
const parallelRequests = 8;

export interface MemberGroups {
  /** Lower-cased and sorted; no duplicates. */
  groups: string[];
  /** True when `maxRequests` ran out before every group was followed. */
  truncated: boolean;
}

/**
 * Every group `email` belongs to, directly or through groups inside groups: a member of eng@, which
 * is itself a member of all@, is in both. `groups.list?userKey=` answers direct membership only, but
 * takes a group's email too (the groups that group is in), so groups are followed breadth-first,
 * each asked once (a visited set ends cycles: a@ in b@, b@ in a@), every page of each.
 */
export async function listMemberGroups(
  api: admin_directory_v1.Admin,
  email: string,
  maxRequests = maxLookUpRequests,
): Promise<MemberGroups> {
  const budget = { left: maxRequests, truncated: false };
  const found = new Set<string>();
  let frontier = [email.trim().toLowerCase()];
  while (frontier.length > 0 && !budget.truncated) {
    const next: string[] = [];
    for (let start = 0; start < frontier.length; start += parallelRequests) {
      const batch = frontier.slice(start, start + parallelRequests);
      for (const groups of await Promise.all(batch.map((key) => groupsContaining(api, key, budget)))) {
        for (const group of groups) {
          if (found.has(group)) continue;
          found.add(group);
          next.push(group);
        }
      }
    }
    frontier = next;
  }
  return { groups: [...found].sort(), truncated: budget.truncated };
}

/** The groups `key` (a user or a group) is a direct member of, all pages, within the budget. */
async function groupsContaining(
  api: admin_directory_v1.Admin,
  key: string,
  budget: { left: number; truncated: boolean },
): Promise<string[]> {
  const groups: string[] = [];
  let pageToken: string | undefined;
  do {
    if (budget.left <= 0) {
      budget.truncated = true;
      break;
    }
    budget.left -= 1;
    const { data } = await api.groups.list({
      userKey: key,
      maxResults: pageSize,
      fields: "nextPageToken,groups(email)",
      ...(pageToken ? { pageToken } : {}),
    });
    for (const group of data.groups ?? []) {
      if (group.email) groups.push(group.email.trim().toLowerCase());
    }
    pageToken = data.nextPageToken ?? undefined;
  } while (pageToken);
  return groups;
}
