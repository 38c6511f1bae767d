import { parseWorkspaceId } from "#shared/workspace/workspace-id.ts";

/**
 * The Sabio workspace of a Slack installation: its team id (or, for an org-wide install, its
 * enterprise id) in lower case, e.g. T0123ABC → "t0123abc". Derived, never chosen, so an admin
 * can fill it with `sabio ingest --workspace t0123abc` before or after the install, and each
 * team's knowledge stays apart from every other's.
 */
export function workspaceIdForSlackTeam(installationKey: string): string {
  return parseWorkspaceId(installationKey);
}
