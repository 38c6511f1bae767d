import type { PlatformUser } from "#shared/platform/platform.ts";

/**
 * Who may approve or correct answers. Each platform decides for its own people (Slack: admins,
 * owners and SLACK_APPROVERS; Discord could use Manage Server); `context` is what that platform's
 * check needs (Slack: the Web API client and team of the click).
 */
export interface Approvers<Context> {
  isApprover(user: PlatformUser, context: Context): Promise<boolean>;
}
