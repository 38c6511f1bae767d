import type { Installation } from "@slack/bolt";
import type { SecretBox } from "#shared/crypto/secret-box.ts";
import type { NewSlackInstallationRow, SlackInstallationRow } from "#shared/db/schema.ts";
import { slackInstallationKey } from "#shared/db/slack-installation-key.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { workspaceIdForSlackTeam } from "./slack-team-workspace.ts";

/** What a sealed token is bound to: its installation and column, so it opens nowhere else. */
export function tokenContext(installationKey: string, column: "bot-token" | "bot-refresh-token"): string {
  return `slack:${installationKey}:${column}`;
}

/**
 * Bolt's installation as a row: tokens sealed, the Sabio workspace derived from the key. Only bot
 * installations are kept (Sabio asks for no user scopes); a user token is never stored.
 */
export function installationToRow(installation: Installation, box: SecretBox): NewSlackInstallationRow {
  const { bot } = installation;
  if (!bot) throw new AppError(ErrorCode.InvalidInput, "The Slack installation has no bot token.");
  const installationKey = slackInstallationKey({
    teamId: installation.team?.id,
    enterpriseId: installation.enterprise?.id,
    isEnterpriseInstall: installation.isEnterpriseInstall,
  });
  return {
    installationKey,
    teamId: installation.isEnterpriseInstall ? null : (installation.team?.id ?? null),
    teamName: installation.team?.name ?? null,
    enterpriseId: installation.enterprise?.id ?? null,
    workspaceId: workspaceIdForSlackTeam(installationKey),
    appId: installation.appId ?? null,
    botId: bot.id,
    botUserId: bot.userId,
    botScopes: bot.scopes.join(","),
    botTokenEncrypted: box.seal(bot.token, tokenContext(installationKey, "bot-token")),
    botRefreshTokenEncrypted: bot.refreshToken
      ? box.seal(bot.refreshToken, tokenContext(installationKey, "bot-refresh-token"))
      : null,
    // Bolt counts in seconds since the epoch.
    botTokenExpiresAt: bot.expiresAt === undefined ? null : new Date(bot.expiresAt * 1000),
    installerUserId: installation.user.id,
  };
}

/** A row as Bolt's installation, tokens opened; `authVersion: "v2"` lets Bolt rotate them. */
export function installationFromRow(row: SlackInstallationRow, box: SecretBox): Installation<"v2", boolean> {
  const key = row.installationKey;
  const refreshToken = row.botRefreshTokenEncrypted
    ? box.open(row.botRefreshTokenEncrypted, tokenContext(key, "bot-refresh-token"))
    : undefined;
  return {
    team:
      row.teamId === null ? undefined : { id: row.teamId, ...(row.teamName ? { name: row.teamName } : {}) },
    enterprise: row.enterpriseId === null ? undefined : { id: row.enterpriseId },
    user: { id: row.installerUserId, token: undefined, scopes: undefined },
    bot: {
      token: box.open(row.botTokenEncrypted, tokenContext(key, "bot-token")),
      ...(refreshToken === undefined ? {} : { refreshToken }),
      ...(row.botTokenExpiresAt === null
        ? {}
        : { expiresAt: Math.floor(row.botTokenExpiresAt.getTime() / 1000) }),
      scopes: row.botScopes === "" ? [] : row.botScopes.split(","),
      id: row.botId,
      userId: row.botUserId,
    },
    ...(row.appId === null ? {} : { appId: row.appId }),
    tokenType: "bot",
    isEnterpriseInstall: row.teamId === null,
    authVersion: "v2",
  };
}
