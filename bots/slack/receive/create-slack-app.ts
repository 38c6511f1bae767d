import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type CustomRoute, HTTPReceiver, type Receiver, SocketModeReceiver } from "@slack/bolt";
import { WebClient, type WebClientOptions } from "@slack/web-api";
import { AppError, ErrorCode, errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { createBoltLogger, redactSlackSecrets } from "./bolt-logger.ts";
import { guardSlackRequests } from "./guard-slack-requests.ts";

export interface SlackAppOptions {
  /** Bot token (xoxb-…) of a single-workspace install. */
  botToken: string;
  /** Given: HTTP mode, POST /slack/events verified with it. Absent: Socket Mode with `appToken`. */
  signingSecret?: string | undefined;
  /** App-level token (xapp-…) for Socket Mode. */
  appToken?: string | undefined;
  /** Web API base URL: https://slack.com/api/, GovSlack, a proxy, or a test stand-in. */
  slackApiUrl: string;
  /** HTTP mode: listening port (0 picks a free one). Socket Mode: port of `customRoutes`, if any. */
  port?: number | undefined;
  /** Extra HTTP routes beside /slack/events, e.g. `GET /healthz`. */
  customRoutes?: CustomRoute[] | undefined;
  logger: Logger;
  /** Milliseconds since the epoch, for the signed-timestamp window (HTTP mode). */
  now?: (() => number) | undefined;
}

/** Who the bot token belongs to, from `auth.test`. */
export interface SlackBotIdentity {
  /** The bot's own user id: handlers use it to strip its mention and skip its own messages. */
  botUserId: string | undefined;
  /** The workspace the token was installed in: in single-workspace mode, the only team to serve. */
  teamId: string | undefined;
}

export interface StartedSlackApp extends SlackBotIdentity {
  /** The port actually listened on (HTTP mode, or Socket Mode with custom routes). */
  port: number | undefined;
}

export interface SlackApp {
  readonly app: App;
  readonly mode: "http" | "socket";
  /** Known once `start()` has checked the token, before the first event can arrive. */
  readonly identity: SlackBotIdentity | undefined;
  /** Checks the token with `auth.test`, then listens (HTTP) or connects (Socket Mode). */
  start(): Promise<StartedSlackApp>;
  /** Stops listening or disconnects; listeners already running finish on their own. */
  stop(): Promise<void>;
}

export const slackEventsPath = "/slack/events";

/**
 * A Bolt app that receives events, in HTTP mode (signature and body shape checked before Bolt
 * handles them: guardSlackRequests) or Socket Mode (no
 * public URL: a Mac Mini behind NAT). Events are acknowledged by Bolt before any listener runs;
 * `processBeforeResponse` stays off so slow work can never hold the 3-second ack.
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const boltLogger = createBoltLogger(options.logger);
  const clientOptions: WebClientOptions = {
    slackApiUrl: options.slackApiUrl,
    // The default policy waits out a 429 for up to ~30 minutes; a reaction or a hint that late is
    // worse than none, so calls fail fast and retry briefly.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000, randomize: true },
    timeout: 10_000,
  };
  const mode = options.signingSecret ? "http" : "socket";
  const receiver =
    mode === "http" ? httpReceiver(options, boltLogger) : socketReceiver(options, boltLogger, clientOptions);

  const app = new App({
    token: options.botToken,
    receiver,
    logger: boltLogger,
    logLevel: boltLogger.getLevel(),
    clientOptions,
    // auth.test runs in start(), where a bad token becomes a clear error instead of a stray rejection.
    deferInitialization: true,
    // Bolt's in-memory conversation store is unused and would only grow.
    convoStore: false,
    ignoreSelf: true,
  });
  app.error(async (error) => {
    options.logger.error(
      { code: error.code, err: redactSlackSecrets(errorMessage(error)) },
      "slack listener failed; the app keeps serving",
    );
  });

  let running = false;
  let identity: SlackBotIdentity | undefined;
  return {
    app,
    mode,
    get identity() {
      return identity;
    },
    async start() {
      identity = await checkToken(app, options.slackApiUrl);
      await app.init();
      let port: number | undefined;
      if (mode === "http") {
        const server: Server = await app.start(options.port ?? 3000);
        port = (server.address() as AddressInfo).port;
      } else {
        await checkAppToken(options.appToken ?? "", clientOptions, options.slackApiUrl);
        await app.start();
        port = options.customRoutes?.length ? (options.port ?? 3000) : undefined;
      }
      running = true;
      options.logger.info({ mode, port, ...identity }, "slack app receiving events");
      return { port, ...identity };
    },
    async stop() {
      if (!running) return;
      running = false;
      await app.stop();
    },
  };
}

function httpReceiver(options: SlackAppOptions, logger: ReturnType<typeof createBoltLogger>): Receiver {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret ?? "",
    endpoints: slackEventsPath,
    customRoutes: options.customRoutes ?? [],
    logger,
    processBeforeResponse: false,
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  guardSlackRequests(receiver, {
    signingSecret: options.signingSecret ?? "",
    endpoint: slackEventsPath,
    logger: options.logger,
    now: options.now,
  });
  return receiver;
}

function socketReceiver(
  options: SlackAppOptions,
  logger: ReturnType<typeof createBoltLogger>,
  clientOptions: WebClientOptions,
): Receiver {
  if (!options.appToken) {
    throw new AppError(
      ErrorCode.InvalidConfig,
      "Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) to receive events.",
    );
  }
  return new SocketModeReceiver({
    appToken: options.appToken,
    logger,
    customRoutes: options.customRoutes ?? [],
    // The Socket Mode client opens its connection through the Web API, so it needs the same base URL.
    installerOptions: { clientOptions, ...(options.port === undefined ? {} : { port: options.port }) },
  });
}

async function checkToken(app: App, slackApiUrl: string): Promise<SlackBotIdentity> {
  try {
    const result = await app.client.auth.test();
    return { botUserId: result.user_id, teamId: result.team_id };
  } catch (error) {
    throw slackStartError(error, slackApiUrl, "SLACK_BOT_TOKEN");
  }
}

/**
 * The Socket Mode client retries a refused connection forever (5 s, 10 s, …) without failing
 * `start()`: a wrong app token would look like a bot that is up but deaf. One explicit
 * `apps.connections.open` first turns that into an error at boot (the URL it returns expires unused).
 */
async function checkAppToken(
  appToken: string,
  clientOptions: WebClientOptions,
  slackApiUrl: string,
): Promise<void> {
  try {
    await new WebClient(appToken, clientOptions).apps.connections.open();
  } catch (error) {
    throw slackStartError(error, slackApiUrl, "SLACK_APP_TOKEN");
  }
}

/** Slack said no (bad token): a configuration error. Slack unreachable: retryable. */
function slackStartError(error: unknown, slackApiUrl: string, variable: string): AppError {
  const slackCode = (error as { data?: { error?: unknown } }).data?.error;
  if (typeof slackCode === "string") {
    return new AppError(ErrorCode.InvalidConfig, `Slack rejected ${variable} (${slackCode}).`, {
      cause: error,
      hint: `check ${variable} in the app's settings at api.slack.com/apps`,
    });
  }
  return new AppError(
    ErrorCode.Unavailable,
    `Could not reach Slack at ${slackApiUrl}: ${redactSlackSecrets(errorMessage(error))}`,
    { retryable: true, cause: error, hint: "check the network and SLACK_API_URL" },
  );
}
