import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paymentFailedText } from "#shared/billing/billing-alerts.ts";
import { envSchema } from "#shared/config/env.ts";
import { saveOAuthConnection } from "#shared/db/source-connection-repository.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { alertPeople, useSlackAlertWorkspace } from "#test/helpers/slack-alert-workspace.ts";
import { acmeNotionConnection } from "#test/helpers/source-connection-row.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import {
  type DiscordStandIn,
  standardIds,
  startDiscordStandIn,
} from "#test/stand-ins/discord/discord-server.ts";
import { createServices, type Services } from "../services.ts";
import { billingAlertsFromEnv } from "./billing-alerts-from-env.ts";

describe("billingAlertsFromEnv: a past-due warning reaches the admins on Slack and Discord", () => {
  const workspace = useSlackAlertWorkspace();
  let discord: DiscordStandIn;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let services: Services;

  beforeAll(async () => {
    discord = await startDiscordStandIn();
    temp = await makeTempDir();
    const env = envSchema.parse({
      SABIO_WORKSPACE: "acme",
      DATA_DIR: join(temp.path, "data"),
      DISCORD_TOKEN: "stand-in-bot-token",
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: "test-signing-secret",
      SLACK_API_URL: workspace.slack.apiUrl,
    });
    services = createServices(env, silentLogger());
  });
  afterAll(async () => {
    await services?.close();
    await discord?.close();
    await temp?.remove();
  });

  it("DMs the Discord user who connected the sources and the Slack admins, once each", async () => {
    const { db } = await services.database();
    await saveOAuthConnection(db, {
      ...acmeNotionConnection,
      connectedBy: `discord:${standardIds.moderator}`,
      credentials: "sealed",
    });
    const alerts = billingAlertsFromEnv(services);
    if (!alerts) throw new Error("Slack and Discord are both configured");
    await alerts.paymentFailed("acme");
    expect(discord.messages(discord.dmChannel(standardIds.moderator).id).map((dm) => dm.content)).toEqual([
      paymentFailedText,
    ]);
    expect(discord.messages(discord.dmChannel(standardIds.owner).id)).toEqual([]);
    expect(workspace.botMessagesTo(alertPeople.admin).map((message) => message.text)).toEqual([
      paymentFailedText,
    ]);
  });
});
