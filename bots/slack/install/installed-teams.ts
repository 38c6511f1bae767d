/**
 * Which Slack teams have an installation, and the Sabio workspace each answers from, as this
 * process last saw them in the database. Event handlers ask synchronously; they only run after
 * Bolt's authorize has fetched the team's installation, which refreshes the entry (a missing
 * installation removes it), so the answer is never older than the event being handled.
 */
export interface InstalledTeams {
  workspaceFor(teamId: string): string | undefined;
  remember(teamId: string, workspaceId: string): void;
  forgetTeam(teamId: string): void;
  /** Every team of an installation (an org-wide one serves several). */
  forgetWorkspace(workspaceId: string): void;
}

export function createInstalledTeams(): InstalledTeams {
  const workspaces = new Map<string, string>();
  return {
    workspaceFor: (teamId) => workspaces.get(teamId),
    remember: (teamId, workspaceId) => void workspaces.set(teamId, workspaceId),
    forgetTeam: (teamId) => void workspaces.delete(teamId),
    forgetWorkspace(workspaceId) {
      for (const [teamId, workspace] of workspaces) if (workspace === workspaceId) workspaces.delete(teamId);
    },
  };
}
