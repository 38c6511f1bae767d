import type { WebClient } from "@slack/web-api";

/** More admins than this are not DMed one by one; the App Home shows everyone the notice anyway. */
const maxAdmins = 25;

/**
 * The Slack workspace's admins and owners (active people, no bots), as `users.list` reports them —
 * the same people the answer actions and App Home treat as approvers. Needs `users:read`.
 */
export async function workspaceAdmins(client: WebClient): Promise<string[]> {
  const admins: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.users.list({ limit: 200, ...(cursor ? { cursor } : {}) });
    for (const member of page.members ?? []) {
      if (!member.id || member.deleted || member.is_bot || member.id === "USLACKBOT") continue;
      if (member.is_admin || member.is_owner || member.is_primary_owner) admins.push(member.id);
    }
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor && admins.length < maxAdmins);
  return admins.slice(0, maxAdmins);
}
