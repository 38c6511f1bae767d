import { describe, expect, it } from "vitest";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import { createLogger } from "#shared/log/logger.ts";
import { discordAlertsKit } from "#test/discord/alerts-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { sourceConnectionRow } from "#test/helpers/source-connection-row.ts";
import { standardIds } from "#test/stand-ins/discord/discord-server.ts";
import { createDiscordSourceAlerts } from "./discord-source-alerts.ts";

/** Connected from Discord by the moderator. */
const connectionRow = (fields: Partial<SourceConnectionRow> = {}) =>
  sourceConnectionRow({ connectedBy: `discord:${standardIds.moderator}`, ...fields });

const reauthMessage =
  "Notion no longer accepts this connection's token, so the sync stopped; nothing was deleted.";

/** Log lines written at warn and above, parsed. */
function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: "info",
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  return { logger, warnings: () => lines.filter((line) => Number(line.level) >= 40) };
}

describe("Discord DMs when a source connection needs re-auth (Discord stand-in)", () => {
  const kit = discordAlertsKit();
  const { dmsTo } = kit;

  it("DMs whoever connected it from Discord: what stopped, that nothing indexed is lost, how to fix it", async () => {
    const alerts = createDiscordSourceAlerts({ rest: kit.rest, logger: silentLogger() });
    await alerts.needsReauth(connectionRow({ label: "@everyone *Acme* Notion" }), reauthMessage);

    const [opened] = kit.discord.callsTo("createDM");
    expect(opened?.body).toEqual({ recipient_id: standardIds.moderator });
    const [sent, ...more] = kit.discord.callsTo("createMessage");
    expect(more).toEqual([]);
    expect(sent?.params.channel_id).toBe(kit.discord.dmChannel(standardIds.moderator).id);
    expect(sent?.body).toMatchObject({ allowed_mentions: { parse: [] } });

    const [dm] = dmsTo(standardIds.moderator);
    const content = dm?.content ?? "";
    // The label can neither ping nor format.
    expect(content).toContain(
      "**@\u200beveryone \\*Acme\\* Notion needs to be reconnected: Sabio can no longer sync it.**",
    );
    expect(content).toContain("Notion no longer accepts this connection's token");
    expect(content).toContain("Everything already indexed stays");
    expect(content).toContain("Sabio workspace `acme`");
    expect(content).toContain("runs `/sabio connect notion` in the Discord server");
    expect(content).not.toContain("Slack");
    for (const person of [standardIds.owner, standardIds.member]) expect(dmsTo(person)).toEqual([]);
  });

  it("tells a NOTION_TOKEN connection's fixer to replace the token, not to reconnect in Discord", async () => {
    const alerts = createDiscordSourceAlerts({ rest: kit.rest, logger: silentLogger() });
    const before = dmsTo(standardIds.owner).length;
    await alerts.needsReauth(
      connectionRow({
        id: "notion-internal@acme",
        connectedBy: `discord:${standardIds.owner}`,
        credentials: null,
      }),
      reauthMessage,
    );
    const dm = dmsTo(standardIds.owner).at(before);
    expect(dm?.content).toContain("`NOTION_TOKEN`");
    expect(dm?.content).not.toContain("/sabio connect notion");
  });

  it("tells each connection once a day at most, however often the schedule retries it", async () => {
    let now = Date.parse("2026-03-02T09:00:00Z");
    const alerts = createDiscordSourceAlerts({ rest: kit.rest, logger: silentLogger(), now: () => now });
    const row = connectionRow({ id: "notion:once-a-day", connectedBy: `discord:${standardIds.member}` });

    await alerts.needsReauth(row, reauthMessage);
    now += 15 * 60 * 1000;
    await alerts.needsReauth(row, reauthMessage);
    expect(dmsTo(standardIds.member)).toHaveLength(1);

    now += 24 * 60 * 60 * 1000;
    await alerts.needsReauth(row, reauthMessage);
    expect(dmsTo(standardIds.member)).toHaveLength(2);
  });

  it("never throws: closed DMs (403, 50007) and a failed createDM are logged as warnings", async () => {
    const { logger, warnings } = recordingLogger();
    const alerts = createDiscordSourceAlerts({ rest: kit.rest, logger });
    kit.discord.failNext("createMessage", {
      status: 403,
      code: 50007,
      message: "Cannot send messages to this user",
    });
    await expect(
      alerts.needsReauth(connectionRow({ id: "notion:closed" }), reauthMessage),
    ).resolves.toBeUndefined();
    kit.discord.failNext("createDM", { status: 500 });
    await expect(
      alerts.needsReauth(connectionRow({ id: "notion:broken" }), reauthMessage),
    ).resolves.toBeUndefined();

    expect(warnings()).toMatchObject([
      {
        msg: "could not DM the admin in Discord that a source needs re-auth",
        status: 403,
        code: 50007,
        connectionId: "notion:closed",
        userId: standardIds.moderator,
      },
      { msg: "could not DM the admin in Discord that a source needs re-auth", connectionId: "notion:broken" },
    ]);
  });

  it("a refused DM is tried again on the next sync (nobody was told yet)", async () => {
    const alerts = createDiscordSourceAlerts({ rest: kit.rest, logger: silentLogger() });
    const row = connectionRow({ id: "notion:retry", connectedBy: `discord:${standardIds.otherBot}` });
    kit.discord.failNext("createMessage", {
      status: 403,
      code: 50007,
      message: "Cannot send messages to this user",
    });
    await alerts.needsReauth(row, reauthMessage);
    expect(dmsTo(standardIds.otherBot)).toEqual([]);
    await alerts.needsReauth(row, reauthMessage);
    expect(dmsTo(standardIds.otherBot)).toHaveLength(1);
  });

  it("DMs nobody on Discord for a connection made in Slack, with the CLI or by NOTION_TOKEN", async () => {
    const alerts = createDiscordSourceAlerts({ rest: kit.rest, logger: silentLogger() });
    const before = kit.discord.calls.length;
    for (const connectedBy of ["slack:U0CONNECTOR", "cli", null])
      await alerts.needsReauth(connectionRow({ id: `notion:${connectedBy}`, connectedBy }), reauthMessage);
    expect(kit.discord.calls.slice(before)).toEqual([]);
  });
});
