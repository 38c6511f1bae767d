import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envSchema } from "#shared/config/env.ts";
import { createLogger } from "#shared/log/logger.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { sourceConnectionRow } from "#test/helpers/source-connection-row.ts";
import {
  type DiscordStandIn,
  standardIds,
  startDiscordStandIn,
} from "#test/stand-ins/discord/discord-server.ts";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { createServices } from "../services.ts";
import { sourceAlertsFromEnv } from "./source-alerts-from-env.ts";

const slackPeople = { admin: "U0ADMIN", connector: "U0CONNECTOR" };
const reauthMessage = "Notion no longer accepts this connection's token, so the sync stopped.";

describe("sourceAlertsFromEnv: the alert reaches the admin where they connected the source", () => {
  let discord: DiscordStandIn;
  let slack: SlackStandIn;

  beforeAll(async () => {
    discord = await startDiscordStandIn();
    slack = await startSlackStandIn({
      teamId: "T0ACME",
      users: {
        [slackPeople.admin]: { name: "ana", isAdmin: true },
        [slackPeople.connector]: { name: "cora" },
      },
    });
  });
  afterAll(async () => {
    await discord?.close();
    await slack?.close();
  });

  const alertsFor = (variables: Record<string, string>, logger = silentLogger()) =>
    sourceAlertsFromEnv(createServices(envSchema.parse({ SABIO_WORKSPACE: "acme", ...variables }), logger));
  const discordVariables = {
    DISCORD_TOKEN: "stand-in-bot-token",
    get DISCORD_API_URL() {
      return discord.apiUrl;
    },
  };
  const slackVariables = {
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: "test-signing-secret",
    get SLACK_API_URL() {
      return slack.apiUrl;
    },
  };
  const slackDms = (userId: string) => slack.messages(userId).filter((message) => message.bot_id);

  it("with Discord and Slack both set up, Discord-connected → a Discord DM; Slack-connected → Slack only", async () => {
    const alerts = alertsFor({ ...discordVariables, ...slackVariables });

    await alerts.needsReauth(
      sourceConnectionRow({ id: "notion:from-discord", connectedBy: `discord:${standardIds.moderator}` }),
      reauthMessage,
    );
    const [dm] = discord.messages(discord.dmChannel(standardIds.moderator).id);
    expect(dm?.content).toContain("Acme Notion needs to be reconnected");
    expect(slack.callsTo("chat.postMessage")).toEqual([]);

    const discordCalls = discord.calls.length;
    await alerts.needsReauth(
      sourceConnectionRow({ id: "notion:from-slack", connectedBy: `slack:${slackPeople.connector}` }),
      reauthMessage,
    );
    expect(slackDms(slackPeople.connector)).toHaveLength(1);
    expect(discord.calls.slice(discordCalls)).toEqual([]);
  });

  it("without DISCORD_TOKEN, a Discord-connected source falls to Slack's workspace admins", async () => {
    const alerts = alertsFor(slackVariables);
    const before = discord.calls.length;
    await alerts.needsReauth(
      sourceConnectionRow({ id: "notion:discord-gone", connectedBy: `discord:${standardIds.owner}` }),
      reauthMessage,
    );
    expect(slackDms(slackPeople.admin).at(-1)?.text).toContain("Acme Notion needs to be reconnected");
    expect(discord.calls.slice(before)).toEqual([]);
  });

  it("with neither, the message is a warning in the log", async () => {
    const warnings: string[] = [];
    const logger = createLogger({
      level: "warn",
      destination: { write: (line: string) => void warnings.push(JSON.parse(line).msg) },
    });
    await alertsFor({}, logger).needsReauth(
      sourceConnectionRow({ connectedBy: `discord:${standardIds.owner}` }),
      reauthMessage,
    );
    expect(warnings).toEqual([reauthMessage]);
  });
});
