import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SlackApp } from "#bots/slack/receive/create-slack-app.ts";
import { type Env, envSchema } from "#shared/config/env.ts";
import { ErrorCode } from "#shared/errors/app-error.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { createServices, type Services } from "../services.ts";
import { slackOAuthConfigured } from "./configured-roles.ts";
import {
  createOAuthSlackRoleApp,
  type SlackOAuthEnv,
  slackOAuthFor,
  slackOAuthPlatform,
} from "./slack-oauth.ts";

describe("slack role wiring for OAuth", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let slack: SlackStandIn;
  let services: Services | undefined;
  let slackApp: SlackApp | undefined;

  beforeEach(async () => {
    temp = await makeTempDir();
    slack = await startSlackStandIn();
  });
  afterEach(async () => {
    await slackApp?.stop();
    await services?.close();
    await slack.close();
    await temp.remove();
    slackApp = undefined;
    services = undefined;
  });

  /** A valid OAuth environment; `overrides` are applied after parsing, to reach the role's own checks. */
  function servicesWith(
    overrides: Partial<Pick<SlackOAuthEnv, "ENCRYPTION_KEY" | "SLACK_SIGNING_SECRET">> = {},
  ) {
    const encryptionKey = randomBytes(32).toString("base64");
    const parsed = envSchema.parse({
      DATA_DIR: temp.path,
      SLACK_API_URL: slack.apiUrl,
      SLACK_CLIENT_ID: "1111.2222",
      SLACK_CLIENT_SECRET: "client-secret",
      SLACK_STATE_SECRET: "state-secret",
      SLACK_SIGNING_SECRET: "signing-secret",
      ENCRYPTION_KEY: encryptionKey,
    });
    // Set by hand as well: a schema without ENCRYPTION_KEY drops it. PORT 0 picks a free port.
    const env = { ...parsed, ENCRYPTION_KEY: encryptionKey, PORT: 0, ...overrides } as Env;
    services = createServices(env, silentLogger());
    return services;
  }

  it("is on only with the whole OAuth trio", () => {
    const trio = { SLACK_CLIENT_ID: "1", SLACK_CLIENT_SECRET: "2", SLACK_STATE_SECRET: "3" };
    expect(slackOAuthConfigured({ ...trio, SLACK_API_URL: "x", PORT: 1 })).toBe(true);
    expect(
      slackOAuthConfigured({ ...trio, SLACK_STATE_SECRET: undefined, SLACK_API_URL: "x", PORT: 1 }),
    ).toBe(false);
  });

  it("serves /slack/install and the role's own routes, and shares one SlackOAuth per process", async () => {
    const current = servicesWith();
    const role = await createOAuthSlackRoleApp(current, {
      customRoutes: [
        { path: "/healthz", method: "GET", handler: (_request, response) => response.end("ok") },
      ],
    });
    slackApp = role.slackApp;
    const { port } = await slackApp.start();
    const install = await fetch(`http://127.0.0.1:${port}/slack/install`, { redirect: "manual" });
    expect(install.status).toBe(302);
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).text()).toBe("ok");
    expect(role.workspaceFor("T0UNKNOWN")).toBeUndefined();
    expect(slackOAuthFor(current)).toBe(slackOAuthFor(current));
    expect(slackOAuthPlatform(current).name).toBe("slack");
  });

  it("refuses to start without ENCRYPTION_KEY or without a signing secret, naming the variable", async () => {
    await expect(createOAuthSlackRoleApp(servicesWith({ ENCRYPTION_KEY: undefined }))).rejects.toMatchObject({
      code: ErrorCode.InvalidConfig,
      message: expect.stringContaining("ENCRYPTION_KEY"),
    });
    await services?.close();
    await expect(
      createOAuthSlackRoleApp(servicesWith({ SLACK_SIGNING_SECRET: undefined })),
    ).rejects.toMatchObject({
      code: ErrorCode.InvalidConfig,
      message: expect.stringContaining("SLACK_SIGNING_SECRET"),
    });
  });
});
