import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { SecretBox } from "#shared/crypto/secret-box.ts";
import type { Db } from "#shared/db/database.ts";
import { slackInstallationKey } from "#shared/db/slack-installation-key.ts";
import {
  deleteSlackInstallation,
  findSlackInstallation,
  saveRotatedSlackTokens,
  saveSlackInstallation,
} from "#shared/db/slack-installation-repository.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { installationFromRow, installationToRow } from "./installation-row.ts";
import type { InstalledTeams } from "./installed-teams.ts";

/** Bolt's store, with the optional delete made required (uninstalls use it). */
export type SlackInstallationStore = InstallationStore &
  Required<Pick<InstallationStore, "deleteInstallation">>;

export interface SlackInstallationStoreOptions {
  db: Db;
  box: SecretBox;
  teams: InstalledTeams;
  logger: Logger;
}

/**
 * Bolt's InstallationStore on the `slack_installations` table, tokens sealed with the secret box.
 * Bolt calls `storeInstallation` after an install, and again with the installation it fetched
 * once it has rotated the tokens; the second kind only updates the tokens, so an installation
 * removed meanwhile (uninstalled during a refresh) is not brought back.
 */
export function createSlackInstallationStore(options: SlackInstallationStoreOptions): SlackInstallationStore {
  const { db, box, teams, logger } = options;
  // Bolt copies the fetched installation shallowly before writing new tokens into its `bot`, so
  // the `bot` object says whether a stored installation is one Bolt fetched and refreshed.
  const fetchedBots = new WeakSet<object>();

  return {
    async storeInstallation(installation: Installation) {
      const row = installationToRow(installation, box);
      if (installation.bot && fetchedBots.has(installation.bot)) {
        const rotated = await saveRotatedSlackTokens(db, row.installationKey, {
          botTokenEncrypted: row.botTokenEncrypted,
          botRefreshTokenEncrypted: row.botRefreshTokenEncrypted ?? null,
          botTokenExpiresAt: row.botTokenExpiresAt ?? null,
        });
        logger.info(
          {
            installationKey: row.installationKey,
            expiresAt: row.botTokenExpiresAt,
            stored: rotated !== undefined,
          },
          "slack bot token rotated",
        );
        return;
      }
      const saved = await saveSlackInstallation(db, row);
      if (saved.teamId) teams.remember(saved.teamId, saved.workspaceId);
      logger.info(
        {
          teamId: saved.teamId,
          enterpriseId: saved.enterpriseId,
          workspaceId: saved.workspaceId,
          installerUserId: saved.installerUserId,
          tokenRotation: saved.botRefreshTokenEncrypted !== null,
        },
        "slack app installed",
      );
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const key = slackInstallationKey(query);
      const row = await findSlackInstallation(db, key);
      if (!row) {
        if (query.teamId) teams.forgetTeam(query.teamId);
        throw new AppError(ErrorCode.NotFound, `Sabio is not installed in Slack ${key}.`);
      }
      const installation = installationFromRow(row, box);
      // An org-wide install serves each of the org's teams from its one workspace.
      if (query.teamId) teams.remember(query.teamId, row.workspaceId);
      if (installation.bot) fetchedBots.add(installation.bot);
      return installation;
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      const removed = await deleteSlackInstallation(db, slackInstallationKey(query));
      if (removed) teams.forgetWorkspace(removed.workspaceId);
      else if (query.teamId) teams.forgetTeam(query.teamId);
    },
  };
}
