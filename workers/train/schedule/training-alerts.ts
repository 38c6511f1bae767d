/** A failed training run, as the admins are told of it: never the log itself (it may quote data). */
export interface TrainingFailedNotice {
  workspaceId: string;
  /** The training_runs id: where the log tail, config and manifest are kept. */
  run: string;
  reason: string;
}

/**
 * One chat platform's way to tell a workspace's admins that its nightly training failed. The
 * admins are whoever connected the workspace's sources from that platform (`connectedBy`
 * "slack:U…", "discord:…", as for source alerts), else the platform's own admins where it has
 * them (Slack's admins and owners). Never throws: failures are logged. Returns how many were told.
 */
export interface TrainingAlerts {
  trainingFailed(notice: TrainingFailedNotice, connectedBy: readonly string[]): Promise<number>;
}
