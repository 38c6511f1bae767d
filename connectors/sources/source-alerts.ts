import type { SourceConnectionRow } from "#shared/db/schema.ts";

/**
 * How admins hear about a connection that stopped: a Slack DM and the App Home notice, for example.
 * Sending must not throw: a failed alert is logged by the implementation and the sync goes on.
 */
export interface SourceAlerts {
  /** The credential is dead (revoked, expired): nothing syncs until an admin reconnects. */
  needsReauth(connection: SourceConnectionRow, message: string): Promise<void>;
}

export const silentSourceAlerts: SourceAlerts = {
  async needsReauth() {},
};
