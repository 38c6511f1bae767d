import { AppError, ErrorCode } from "../errors/app-error.ts";

/** Bolt's InstallationQuery, loosely: which installation an event or a reply belongs to. */
export interface SlackInstallationQuery {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

/**
 * The primary key of an installation: the enterprise id for an org-wide install (one install
 * serves every workspace of the org), otherwise the team id — even for a team inside an
 * enterprise that installed the app on its own.
 */
export function slackInstallationKey(query: SlackInstallationQuery): string {
  const key = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
  if (!key) {
    throw new AppError(
      ErrorCode.InvalidInput,
      query.isEnterpriseInstall
        ? "An org-wide Slack installation needs an enterprise id."
        : "A Slack installation needs a team id.",
    );
  }
  return key;
}
