import type { AccessViewer } from "./access-keys.ts";

/** Where a viewer's groups come from (the Google Workspace directory); never throws. */
export interface GroupMembership {
  groupsOf(email: string): Promise<string[]>;
}

/** `{ email }` → `{ email, groups }`: what the answer worker and `--as` search with. */
export type ViewerResolver = (viewer: AccessViewer) => Promise<AccessViewer>;

/**
 * Adds the groups the directory knows for the viewer's email. Without a directory, or for an
 * unknown email, the viewer is returned as it is: groups stay empty, so a file shared only with a
 * group is hidden from them.
 */
export function viewerResolver(directory: GroupMembership | undefined): ViewerResolver {
  return async (viewer) => {
    if (!directory || !viewer.email) return viewer;
    const groups = await directory.groupsOf(viewer.email).catch(() => []);
    if (groups.length === 0) return viewer;
    return { ...viewer, groups: [...new Set([...(viewer.groups ?? []), ...groups])] };
  };
}
