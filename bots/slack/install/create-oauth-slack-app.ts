import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, ErrorCode as BoltErrorCode, type CustomRoute, HTTPReceiver } from "@slack/bolt";
import type { WebClientOptions } from "@slack/web-api";
import { createBoltLogger, redactSlackSecrets } from "#bots/slack/receive/bolt-logger.ts";
import { type SlackApp, slackEventsPath } from "#bots/slack/receive/create-slack-app.ts";
import { guardSlackRequests } from "#bots/slack/receive/guard-slack-requests.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { type SlackOAuth, slackInstallPath } from "./slack-oauth.ts";

export interface OAuthSlackAppOptions {
  oauth: Pick<SlackOAuth, "receiverOptions" | "secrets">;
  /** Verifies POST /slack/events. OAuth runs in HTTP mode only: the redirect needs a public URL anyway. */
  signingSecret: string;
  slackApiUrl: string;
  /** Listening port (0 picks a free one). */
  port?: number | undefined;
  /** Extra HTTP routes, e.g. `GET /healthz`. */
  customRoutes?: CustomRoute[] | undefined;
  logger: Logger;
  /** Milliseconds since the epoch, for the signed-timestamp window. */
  now?: (() => number) | undefined;
}

/**
 * The multi-workspace Bolt app: HTTP mode, `POST /slack/events` for every installed team,
 * `GET /slack/install` (302 to Slack's consent page, state in a cookie) and
 * `GET /slack/oauth_redirect` (checks the state, trades the code, stores the installation). No bot
 * token: Bolt's authorize fetches each event's installation from the store, rotating its token
 * when due; an event from a team without one reaches no listener. Same receiving rules as
 * createSlackApp: Bolt acknowledges before listeners run, `processBeforeResponse` stays off.
 */
export function createOAuthSlackApp(options: OAuthSlackAppOptions): SlackApp {
  const { logger } = options;
  const secrets = [...options.oauth.secrets, options.signingSecret];
  const boltLogger = createBoltLogger(logger, secrets);
  const clientOptions: WebClientOptions = {
    slackApiUrl: options.slackApiUrl,
    // As in createSlackApp: a reaction or a hint half an hour late is worse than none.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000, randomize: true },
    timeout: 10_000,
  };
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: slackEventsPath,
    customRoutes: options.customRoutes ?? [],
    logger: boltLogger,
    processBeforeResponse: false,
    ...(options.port === undefined ? {} : { port: options.port }),
    ...options.oauth.receiverOptions,
  });
  // A signed body Bolt cannot handle (null, an array, an envelope without its event) is a 400 here.
  guardSlackRequests(receiver, {
    signingSecret: options.signingSecret,
    endpoint: slackEventsPath,
    logger,
    now: options.now,
  });
  const app = new App({
    receiver,
    logger: boltLogger,
    logLevel: boltLogger.getLevel(),
    clientOptions,
    // Bolt's in-memory conversation store is unused and would only grow.
    convoStore: false,
    ignoreSelf: true,
  });
  const clean = (error: unknown) => redactSlackSecrets(errorMessage(error), secrets);
  app.error(async (error) => {
    if (error.code === BoltErrorCode.AuthorizationError) {
      logger.warn({ err: clean(error) }, "slack event from a team without a usable installation; ignored");
      return;
    }
    logger.error({ code: error.code, err: clean(error) }, "slack listener failed; the app keeps serving");
  });

  let running = false;
  return {
    app,
    mode: "http",
    // Each team has its own bot identity, learnt per event from its installation.
    identity: undefined,
    async start() {
      const server: Server = await app.start(options.port ?? 3000);
      const { port } = server.address() as AddressInfo;
      running = true;
      logger.info(
        { mode: "http", port, installPath: slackInstallPath },
        "slack app receiving events (OAuth)",
      );
      return { port, botUserId: undefined, teamId: undefined };
    },
    async stop() {
      if (!running) return;
      running = false;
      await app.stop();
    },
  };
}
