import { describe, expect, it } from "vitest";
import { paymentFailedText } from "#shared/billing/billing-alerts.ts";
import { discordAlertsKit } from "#test/discord/alerts-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { standardIds } from "#test/stand-ins/discord/discord-server.ts";
import { createDiscordBillingAlerts } from "./discord-billing-alerts.ts";

describe("Discord past-due warnings (Discord stand-in)", () => {
  const kit = discordAlertsKit();

  it("DMs whoever connected the workspace's sources from Discord, once each, and nobody else", async () => {
    const asked: string[] = [];
    const alerts = createDiscordBillingAlerts({
      rest: kit.rest,
      connectedBy: async (workspaceId) => {
        asked.push(workspaceId);
        return [
          `discord:${standardIds.moderator}`,
          `discord:${standardIds.moderator}`,
          "slack:U0CONNECTOR",
          "cli",
          null,
        ];
      },
      logger: silentLogger(),
    });
    await alerts.paymentFailed("acme");
    expect(asked).toEqual(["acme"]);
    expect(kit.dmsTo(standardIds.moderator).map((dm) => dm.content)).toEqual([paymentFailedText]);
    expect(kit.dmsTo(standardIds.owner)).toEqual([]);
  });

  it("never throws when the connectors cannot be read or Discord is down", async () => {
    await createDiscordBillingAlerts({
      rest: kit.rest,
      connectedBy: async () => {
        throw new Error("database down");
      },
      logger: silentLogger(),
    }).paymentFailed("acme");
    kit.discord.failNext("createDM", { status: 500 });
    await createDiscordBillingAlerts({
      rest: kit.rest,
      connectedBy: async () => [`discord:${standardIds.owner}`],
      logger: silentLogger(),
    }).paymentFailed("acme");
    expect(kit.dmsTo(standardIds.owner)).toEqual([]);
  });
});
