import type { admin_directory_v1 } from "@googleapis/admin";

/** The Directory API's largest page. */
const pageSize = 200;
/** A runaway pager (a token that never ends) stops here: nobody is in 20,000 groups. */
const maxPages = 100;

/**
 * Every group `email` is a member of, all pages of `groups.list?userKey=`, lower-cased. Direct
 * membership only: this endpoint does not follow nested groups (a member of eng@ inside all@ is
 * listed in eng@, not all@), so a file shared with all@ stays hidden from them. Expanding nesting
 * would take a members.hasMember call per group and file; not done.
 */
export async function listDirectGroups(api: admin_directory_v1.Admin, email: string): Promise<string[]> {
  const groups = new Set<string>();
  let pageToken: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const { data } = await api.groups.list({
      userKey: email,
      maxResults: pageSize,
      fields: "nextPageToken,groups(email)",
      ...(pageToken ? { pageToken } : {}),
    });
    for (const group of data.groups ?? []) {
      if (group.email) groups.add(group.email.trim().toLowerCase());
    }
    pageToken = data.nextPageToken ?? undefined;
    if (!pageToken) break;
  }
  return [...groups].sort();
}
