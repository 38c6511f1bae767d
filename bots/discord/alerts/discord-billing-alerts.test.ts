import { describe, expect, it } from "vitest";
import { paymentFailedText } from "#shared/billing/billing-alerts.ts";
import { trialEndingText } from "#shared/billing/webhooks/trial-ending-alerts.ts";
import { discordAlertsKit } from "#test/discord/alerts-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { standardIds } from "#test/stand-ins/discord/discord-server.ts";
import { createDiscordBillingAlerts } from "./discord-billing-alerts.ts";

const trialEndsAt = new Date("2030-06-17T12:00:00Z");

/** Each alert, how it is sent for workspace acme, and the DM it must give. */
const alertCases = [
  {
    alert: "a past-due warning",
    send: (alerts: ReturnType<typeof createDiscordBillingAlerts>) => alerts.paymentFailed("acme"),
    text: paymentFailedText,
  },
  {
    alert: "a trial-ending notice",
    send: (alerts: ReturnType<typeof createDiscordBillingAlerts>) =>
      alerts.trialEnding({ workspaceId: "acme", trialEndsAt }),
    text: "Sabio's trial for this workspace ends on 2030-06-17: an admin can subscribe with /sabio billing.",
  },
] as const;

describe("Discord billing alerts (Discord stand-in)", () => {
  const kit = discordAlertsKit();

  it.each(alertCases)(
    "$alert DMs whoever connected the workspace's sources from Discord, once each, and nobody else",
    async ({ send, text }) => {
      const moderatorBefore = kit.dmsTo(standardIds.moderator).length;
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
      await send(alerts);
      expect(asked).toEqual(["acme"]);
      expect(
        kit
          .dmsTo(standardIds.moderator)
          .slice(moderatorBefore)
          .map((dm) => dm.content),
      ).toEqual([text]);
      expect(kit.dmsTo(standardIds.owner)).toEqual([]);
    },
  );

  it("says the trial ends soon when Stripe gave no end date", async () => {
    const alerts = createDiscordBillingAlerts({
      rest: kit.rest,
      connectedBy: async () => [`discord:${standardIds.member}`],
      logger: silentLogger(),
    });
    await alerts.trialEnding({ workspaceId: "acme", trialEndsAt: null });
    expect(kit.dmsTo(standardIds.member).map((dm) => dm.content)).toEqual([trialEndingText(null)]);
    expect(trialEndingText(null)).toContain("ends soon");
  });

  it.each(alertCases)(
    "$alert never throws when the connectors cannot be read or Discord is down",
    async ({ send }) => {
      await send(
        createDiscordBillingAlerts({
          rest: kit.rest,
          connectedBy: async () => {
            throw new Error("database down");
          },
          logger: silentLogger(),
        }),
      );
      kit.discord.failNext("createDM", { status: 500 });
      await send(
        createDiscordBillingAlerts({
          rest: kit.rest,
          connectedBy: async () => [`discord:${standardIds.owner}`],
          logger: silentLogger(),
        }),
      );
      expect(kit.dmsTo(standardIds.owner)).toEqual([]);
    },
  );
});
