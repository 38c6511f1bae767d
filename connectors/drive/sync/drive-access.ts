import type { drive_v3 } from "@googleapis/drive";
import type { DocumentAccess } from "#shared/knowledge/document.ts";

/**
 * Who may see a file, from its permissions: every role can read (owner to reader), so each
 * permission grants its user, group, domain or anyone. Emails and domains lowercased (Drive's own
 * addresses differ in case). No permissions at all = no one but the operator (never everyone).
 */
export function accessFromPermissions(permissions: readonly drive_v3.Schema$Permission[]): DocumentAccess {
  const users = new Set<string>();
  const groups = new Set<string>();
  const domains = new Set<string>();
  let anyone = false;
  for (const permission of permissions) {
    const email = permission.emailAddress?.trim().toLowerCase();
    const domain = permission.domain?.trim().toLowerCase();
    if (permission.type === "user" && email) users.add(email);
    else if (permission.type === "group" && email) groups.add(email);
    else if (permission.type === "domain" && domain) domains.add(domain);
    else if (permission.type === "anyone") anyone = true;
  }
  return {
    users: [...users].sort(),
    groups: [...groups].sort(),
    domains: [...domains].sort(),
    public: anyone,
  };
}
