/**
 * The words every platform's "needs re-auth" alert says, so Slack and Discord tell the same story.
 * Callers escape `label` and `workspaceId` for their own markup before passing them in.
 */
export const needsReauthWording = {
  headline: (label: string) => `${label} needs to be reconnected: Sabio can no longer sync it.`,
  stays: (workspaceId: string, kind: "notion" | "drive" | "files" = "notion") =>
    `Everything already indexed stays and keeps answering questions in Sabio workspace \`${workspaceId}\`; new and changed ${kind === "notion" ? "pages" : "files"} wait until it is reconnected.`,
} as const;
