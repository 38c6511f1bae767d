import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { captureLogger } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { createSlackApp, type SlackApp } from "./create-slack-app.ts";

const botToken = "xoxb-1111-2222-secretbottoken";
const appToken = "xapp-1-A0SABIO-3333-secretapptoken";

let slack: SlackStandIn | undefined;
let slackApp: SlackApp | undefined;

afterEach(async () => {
  await slackApp?.stop();
  await slack?.close();
  slackApp = undefined;
  slack = undefined;
});

async function standIn(): Promise<SlackStandIn> {
  slack = await startSlackStandIn({ teamId: "T0ACME", botUserId: "U0SABIOBOT" });
  return slack;
}

async function startFailure(app: SlackApp): Promise<AppError> {
  const error = await app.start().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("createSlackApp", () => {
  it("listens over HTTP on a free port, learns its bot user, and serves custom routes", async () => {
    const { apiUrl } = await standIn();
    slackApp = createSlackApp({
      botToken,
      signingSecret: "secret",
      slackApiUrl: apiUrl,
      port: 0,
      logger: silentLogger(),
      customRoutes: [
        {
          path: "/healthz",
          method: "GET",
          handler: (_request, response) => {
            response.writeHead(200, { "content-type": "text/plain" });
            response.end("ok");
          },
        },
      ],
    });
    expect(slackApp.mode).toBe("http");
    expect(slackApp.identity).toBeUndefined();
    const { port, botUserId, teamId } = await slackApp.start();
    expect(port).toBeGreaterThan(0);
    expect([botUserId, teamId]).toEqual(["U0SABIOBOT", "T0ACME"]);
    expect(slackApp.identity).toEqual({ botUserId: "U0SABIOBOT", teamId: "T0ACME" });

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, "ok"]);
    expect((await fetch(`http://127.0.0.1:${port}/elsewhere`)).status).toBe(404);
    // The token goes to Slack as a bearer header, never in a body.
    expect(slack?.callsTo("auth.test")[0]?.token).toBe(botToken);

    await slackApp.stop();
    await slackApp.stop();
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it("refuses to start with a bot token Slack rejects, naming the variable but not the token", async () => {
    const { apiUrl } = await standIn();
    slack?.failNext("auth.test", { error: "invalid_auth" });
    const { logger, lines } = captureLogger();
    slackApp = createSlackApp({ botToken, signingSecret: "secret", slackApiUrl: apiUrl, port: 0, logger });
    const error = await startFailure(slackApp);
    expect(error.code).toBe(ErrorCode.InvalidConfig);
    expect(error.message).toBe("Slack rejected SLACK_BOT_TOKEN (invalid_auth).");
    expect(JSON.stringify(lines)).not.toContain("secretbottoken");
  });

  it("reports Slack unreachable as retryable", async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    slackApp = createSlackApp({
      botToken,
      signingSecret: "secret",
      slackApiUrl: `http://127.0.0.1:${closedPort}/api/`,
      port: 0,
      logger: silentLogger(),
    });
    const error = await startFailure(slackApp);
    expect(error.code).toBe(ErrorCode.Unavailable);
    expect(error.retryable).toBe(true);
  });

  it("uses Socket Mode without a signing secret, through the same API URL, and fails fast on a bad app token", async () => {
    const { apiUrl } = await standIn();
    slack?.failNext("apps.connections.open", { error: "invalid_auth" });
    const { logger, lines } = captureLogger();
    slackApp = createSlackApp({ botToken, appToken, slackApiUrl: apiUrl, logger });
    expect(slackApp.mode).toBe("socket");
    const error = await startFailure(slackApp);
    expect(error.message).toBe("Slack rejected SLACK_APP_TOKEN (invalid_auth).");
    expect(slack?.callsTo("apps.connections.open")[0]?.token).toBe(appToken);
    expect(JSON.stringify(lines)).not.toMatch(/secretapptoken|secretbottoken/);
  });

  it("needs a signing secret or an app token", () => {
    expect(() =>
      createSlackApp({ botToken, slackApiUrl: "https://slack.com/api/", logger: silentLogger() }),
    ).toThrow(/SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/);
  });
});
