import type { App, HTTPReceiverOptions } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import { createBoltLogger } from "#bots/slack/receive/bolt-logger.ts";
import { replyClientOptions } from "#bots/slack/reply/reply-client-options.ts";
import { createSecretBox } from "#shared/crypto/secret-box.ts";
import type { Db } from "#shared/db/database.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { ReplyTarget } from "#shared/platform/platform.ts";
import { createInstalledTeams } from "./installed-teams.ts";
import { registerUninstallHandlers } from "./register-uninstall-handlers.ts";
import { slackBotScopes } from "./slack-bot-scopes.ts";
import { createSlackBotTokens } from "./slack-bot-tokens.ts";
import { createSlackInstallationStore, type SlackInstallationStore } from "./slack-installation-store.ts";

export const slackInstallPath = "/slack/install";
export const slackOAuthRedirectPath = "/slack/oauth_redirect";

export interface SlackOAuthOptions {
  /** SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET. */
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** ENCRYPTION_KEY: seals the tokens stored in `slack_installations`. */
  encryptionKey: string;
  /** SLACK_API_URL: every Web API call, `oauth.v2.access` included. */
  slackApiUrl: string;
  /** Slack's consent page; default: the API URL's host, /oauth/v2/authorize (slack.com, GovSlack). */
  authorizationUrl?: string | undefined;
  db: Db;
  logger: Logger;
  /** Milliseconds since the epoch (token expiry). */
  now?: () => number;
}

/** What Bolt's HTTPReceiver needs for `/slack/install`, `/slack/oauth_redirect` and per-team tokens. */
export interface SlackOAuthReceiverOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  scopes: string[];
  installationStore: SlackInstallationStore;
  installerOptions: NonNullable<HTTPReceiverOptions["installerOptions"]>;
}

export interface SlackOAuth {
  /** Spread into the HTTPReceiver's options (createOAuthSlackApp does). */
  readonly receiverOptions: SlackOAuthReceiverOptions;
  /** Values to blank from every log line, besides tokens. */
  readonly secrets: readonly string[];
  /** The Sabio workspace of an installed team; undefined for a team without an installation. */
  workspaceFor(teamId: string): string | undefined;
  /** The answer worker's WebClient for a reply: the target team's bot token, rotated when due. */
  clientFor(target: ReplyTarget): Promise<WebClient>;
  /** `app_uninstalled` / `tokens_revoked` delete the installation (documents are kept). */
  registerUninstallHandlers(app: App): void;
}

/**
 * Multi-workspace Slack (OAuth v2 distribution): every team that installs the app gets its own
 * row in `slack_installations` (bot token sealed with ENCRYPTION_KEY) and its own Sabio workspace,
 * its team id in lower case. Bolt fetches the installation for each incoming event and rotates
 * expiring tokens; replies from the answer worker go through `clientFor`, which rotates them too.
 */
export function createSlackOAuth(options: SlackOAuthOptions): SlackOAuth {
  const { db, logger, slackApiUrl } = options;
  const box = createSecretBox(options.encryptionKey);
  const secrets = [options.clientSecret, options.stateSecret];
  const oauthLogger = createBoltLogger(logger, secrets);
  // Same policy as the receiving app: fail fast on 429s, two quick retries, a 10 s limit.
  const clientOptions = {
    slackApiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000, randomize: true },
    timeout: 10_000,
  };
  const teams = createInstalledTeams();
  const installationStore = createSlackInstallationStore({ db, box, teams, logger });
  const tokens = createSlackBotTokens({
    db,
    box,
    credentials: { clientId: options.clientId, clientSecret: options.clientSecret },
    oauthClient: new WebClient(undefined, { ...clientOptions, logger: oauthLogger }),
    logger,
    ...(options.now ? { now: options.now } : {}),
  });
  const replyLogger = createBoltLogger(logger);
  /** One client per installation, replaced when its token rotates. */
  const clients = new Map<string, { token: string; client: WebClient }>();

  return {
    receiverOptions: {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      stateSecret: options.stateSecret,
      scopes: [...slackBotScopes],
      installationStore,
      installerOptions: {
        installPath: slackInstallPath,
        redirectUriPath: slackOAuthRedirectPath,
        // Straight to Slack's consent page (a 302 carrying the state cookie); no page of ours first.
        directInstall: true,
        authorizationUrl:
          options.authorizationUrl ?? new URL("../oauth/v2/authorize", slackApiUrl).toString(),
        clientOptions,
      },
    },
    secrets,
    workspaceFor: (teamId) => teams.workspaceFor(teamId),
    async clientFor(target) {
      const { installationKey, token } = await tokens.tokenFor(target);
      const cached = clients.get(installationKey);
      if (cached?.token === token) return cached.client;
      const client = new WebClient(token, { ...replyClientOptions(slackApiUrl), logger: replyLogger });
      clients.set(installationKey, { token, client });
      return client;
    },
    registerUninstallHandlers: (app) => registerUninstallHandlers(app, { store: installationStore, logger }),
  };
}
