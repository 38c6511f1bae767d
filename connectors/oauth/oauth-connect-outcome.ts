import type { AppError } from "#shared/errors/app-error.ts";

/** What one OAuth callback did, for its page. */
export type OAuthConnectOutcome =
  | {
      status: "connected";
      workspaceId: string;
      connectionId: string;
      /** What admins see: the Notion workspace's name, the Google account's email. */
      accountLabel: string;
      /** False when the sync queue could not be reached: the schedule picks the connection up later. */
      syncQueued: boolean;
    }
  | { status: "denied" }
  /** The link was not ours, was altered, has expired or was used already. */
  | { status: "bad_state"; reason: "missing" | "malformed" | "forged" | "expired" | "reused" }
  | { status: "failed"; error: AppError };

/** The query a vendor sends the browser back with. */
export interface OAuthCallbackQuery {
  code?: string | undefined;
  state?: string | undefined;
  /** `access_denied` when the admin pressed Cancel. */
  error?: string | undefined;
}
