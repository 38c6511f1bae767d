import { createHash } from "node:crypto";

/** A Google group as the stand-in's Directory keeps it: members are user or group emails. */
export interface StoredGroup {
  id: string;
  email: string;
  name: string;
  members: string[];
}

export interface GroupSpec {
  email: string;
  name?: string;
  /** Direct members: users, or other groups by email (nested: `userKey=<group>` lists where it sits). */
  members: string[];
}

/**
 * The Workspace directory behind `admin/directory/v1/groups`: the groups, in creation order, and who
 * may read them (Workspace admins; default the connected account).
 */
export class DirectoryGroups {
  readonly groups: StoredGroup[] = [];
  admins: Set<string>;

  constructor(admins: string[]) {
    this.admins = new Set(admins.map(normalise));
  }

  add(spec: GroupSpec): { id: string } {
    const email = normalise(spec.email);
    // Google's group ids are 17-character hex-ish strings ("03x8tuzt1…"): derived from the email here.
    const id = `0${createHash("sha256").update(email).digest("hex").slice(0, 16)}`;
    const existing = this.groups.findIndex((group) => group.email === email);
    const group = {
      id,
      email,
      name: spec.name ?? email.split("@")[0] ?? email,
      members: spec.members.map(normalise),
    };
    if (existing >= 0) this.groups[existing] = group;
    else this.groups.push(group);
    return { id };
  }

  /**
   * The groups `email` (a user's or a group's) is a direct member of: what `groups.list?userKey=`
   * answers. Never transitive, as Google's isn't: a caller follows nesting itself.
   */
  directGroupsOf(email: string): StoredGroup[] {
    const key = normalise(email);
    return this.groups.filter((group) => group.members.includes(key));
  }
}

const normalise = (email: string): string => email.trim().toLowerCase();
