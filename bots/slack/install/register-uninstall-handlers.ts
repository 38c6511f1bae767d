import type { App } from "@slack/bolt";
import { slackInstallationKey } from "#shared/db/slack-installation-key.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { SlackInstallationStore } from "./slack-installation-store.ts";
import { workspaceIdForSlackTeam } from "./slack-team-workspace.ts";

export interface UninstallHandlerOptions {
  store: Pick<SlackInstallationStore, "deleteInstallation">;
  logger: Logger;
}

/**
 * `app_uninstalled`, or `tokens_revoked` naming the bot's token, deletes the installation (Bolt
 * delivers both without an authorize step, the token being dead already). The Sabio workspace's
 * documents and answers are kept: they belong to the workspace (not to the token), and a
 * reinstall, which derives the same workspace id, finds them again.
 */
export function registerUninstallHandlers(app: App, options: UninstallHandlerOptions): void {
  const { store, logger } = options;

  async function remove(
    reason: "app_uninstalled" | "tokens_revoked",
    context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall: boolean },
  ) {
    const query = {
      teamId: context.teamId,
      enterpriseId: context.enterpriseId,
      isEnterpriseInstall: context.isEnterpriseInstall,
    };
    const key = slackInstallationKey(query);
    await store.deleteInstallation(query);
    logger.info(
      {
        reason,
        teamId: context.teamId,
        enterpriseId: context.enterpriseId,
        workspaceId: workspaceIdForSlackTeam(key),
      },
      "slack installation deleted; the workspace's documents are kept",
    );
  }

  app.event("app_uninstalled", async ({ context }) => {
    await remove("app_uninstalled", context);
  });
  app.event("tokens_revoked", async ({ event, context }) => {
    // Sabio stores no user tokens: only a revoked bot token ends the installation.
    if ((event.tokens.bot ?? []).length > 0) await remove("tokens_revoked", context);
  });
}
