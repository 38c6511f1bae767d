import type { WebClient } from "@slack/web-api";
import type { SecretBox } from "#shared/crypto/secret-box.ts";
import type { Db } from "#shared/db/database.ts";
import type { SlackInstallationRow } from "#shared/db/schema.ts";
import {
  findSlackInstallation,
  findSlackInstallationByWorkspace,
  saveRotatedSlackTokens,
} from "#shared/db/slack-installation-repository.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { ReplyTarget } from "#shared/platform/platform.ts";
import { tokenContext } from "./installation-row.ts";
import { refreshSlackBotToken, type SlackClientCredentials } from "./refresh-slack-bot-token.ts";

/** Rotate a token this close to its expiry, as Bolt does for incoming events. */
export const refreshWindowMs = 2 * 60 * 60 * 1000;

export interface SlackBotTokensOptions {
  db: Db;
  box: SecretBox;
  credentials: SlackClientCredentials;
  /** A WebClient without a token, for `oauth.v2.access` (SLACK_API_URL, logs without secrets). */
  oauthClient: WebClient;
  logger: Logger;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

export interface SlackBotToken {
  installationKey: string;
  token: string;
}

export interface SlackBotTokens {
  /**
   * The bot token of the installation a reply goes to, rotated first when it expires within two
   * hours. Throws a non-retryable AppError when Sabio is not installed there (any more).
   */
  tokenFor(target: Pick<ReplyTarget, "teamId" | "workspaceId">): Promise<SlackBotToken>;
}

/** Bot tokens for the answer worker, which may run without the Bolt app (and its refresh) in its process. */
export function createSlackBotTokens(options: SlackBotTokensOptions): SlackBotTokens {
  const { db, box, logger } = options;
  const now = options.now ?? Date.now;
  /** One refresh per installation at a time: Slack takes each refresh token only once. */
  const refreshing = new Map<string, Promise<string>>();

  const expiring = (row: SlackInstallationRow) =>
    row.botRefreshTokenEncrypted !== null &&
    row.botTokenExpiresAt !== null &&
    row.botTokenExpiresAt.getTime() - now() <= refreshWindowMs;
  const botToken = (row: SlackInstallationRow) =>
    box.open(row.botTokenEncrypted, tokenContext(row.installationKey, "bot-token"));

  async function installationOf(target: Pick<ReplyTarget, "teamId" | "workspaceId">) {
    if (target.teamId) {
      const row = await findSlackInstallation(db, target.teamId);
      if (row) return row;
    }
    // An org-wide install is keyed by its enterprise; its teams' replies carry the org's workspace.
    // A team's own install is never lent to another team that names its workspace.
    const row = await findSlackInstallationByWorkspace(db, target.workspaceId);
    return row && (row.teamId === null || target.teamId === undefined) ? row : undefined;
  }

  async function rotate(row: SlackInstallationRow): Promise<string> {
    const key = row.installationKey;
    if (row.botRefreshTokenEncrypted === null) return botToken(row);
    const refreshToken = box.open(row.botRefreshTokenEncrypted, tokenContext(key, "bot-refresh-token"));
    let refreshed: Awaited<ReturnType<typeof refreshSlackBotToken>>;
    try {
      refreshed = await refreshSlackBotToken(options.oauthClient, options.credentials, refreshToken);
    } catch (error) {
      // Another process (the bot, another worker) may have rotated it first and spent that
      // refresh token: its tokens are in the database now.
      const latest = await findSlackInstallation(db, key);
      if (latest && latest.botTokenEncrypted !== row.botTokenEncrypted && !expiring(latest)) {
        return botToken(latest);
      }
      throw error;
    }
    const expiresAt = new Date(now() + refreshed.expiresInSeconds * 1000);
    const stored = await saveRotatedSlackTokens(db, key, {
      botTokenEncrypted: box.seal(refreshed.token, tokenContext(key, "bot-token")),
      botRefreshTokenEncrypted: box.seal(refreshed.refreshToken, tokenContext(key, "bot-refresh-token")),
      botTokenExpiresAt: expiresAt,
    });
    if (!stored) throw notInstalled(key);
    logger.info({ installationKey: key, workspaceId: row.workspaceId, expiresAt }, "slack bot token rotated");
    return refreshed.token;
  }

  return {
    async tokenFor(target) {
      const row = await installationOf(target);
      if (!row) throw notInstalled(target.teamId ?? target.workspaceId);
      const installationKey = row.installationKey;
      if (!expiring(row)) return { installationKey, token: botToken(row) };
      let pending = refreshing.get(installationKey);
      if (!pending) {
        pending = rotate(row).finally(() => refreshing.delete(installationKey));
        refreshing.set(installationKey, pending);
      }
      return { installationKey, token: await pending };
    },
  };
}

function notInstalled(where: string): AppError {
  return new AppError(ErrorCode.NotFound, `Sabio is not installed in Slack ${where} (any more).`, {
    hint: "someone there can install it again from /slack/install",
  });
}
