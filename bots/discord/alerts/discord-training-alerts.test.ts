import { describe, expect, it } from "vitest";
import { discordAlertsKit } from "#test/discord/alerts-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { standardIds } from "#test/stand-ins/discord/discord-server.ts";
import { createDiscordTrainingAlerts } from "./discord-training-alerts.ts";

const notice = {
  workspaceId: "acme",
  run: "20260314t020000-a1b2",
  reason: "mlx_lm.lora exited with code 1 (token xoxb-1-2-secret)",
};

describe("Discord DMs when a workspace's nightly training failed (Discord stand-in)", () => {
  const kit = discordAlertsKit();

  it("DMs whoever connected the workspace's sources from Discord, once each, with the run and no secrets", async () => {
    const alerts = createDiscordTrainingAlerts({ rest: kit.rest, logger: silentLogger() });
    const told = await alerts.trainingFailed(notice, [
      `discord:${standardIds.moderator}`,
      `discord:${standardIds.moderator}`,
      "slack:U0CONNECTOR",
      "cli",
    ]);
    expect(told).toBe(1);
    const [dm, ...more] = kit.dmsTo(standardIds.moderator);
    expect(more).toEqual([]);
    expect(dm?.content).toContain("The nightly fine-tune of workspace acme failed");
    expect(dm?.content).toContain(notice.run);
    expect(dm?.content).toContain("exited with code 1");
    expect(dm?.content).not.toContain("xoxb-1-2-secret");
  });

  it("tells nobody (and says 0) when no source was connected from Discord, and never throws", async () => {
    const alerts = createDiscordTrainingAlerts({ rest: kit.rest, logger: silentLogger() });
    expect(await alerts.trainingFailed(notice, ["slack:U0CONNECTOR"])).toBe(0);
    kit.discord.failNext("createDM", { status: 500 });
    await expect(alerts.trainingFailed(notice, [`discord:${standardIds.owner}`])).resolves.toBe(0);
  });
});
