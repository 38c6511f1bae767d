import { REST } from "discord.js";
import { afterAll, beforeAll } from "vitest";
import { type DiscordStandIn, startDiscordStandIn } from "#test/stand-ins/discord/discord-server.ts";

export interface DiscordAlertsKit {
  readonly discord: DiscordStandIn;
  /** discord.js REST with the bot token, on the stand-in and without retries. */
  readonly rest: REST;
  /** The DMs the stand-in holds for this user, oldest first. */
  dmsTo(userId: string): ReturnType<DiscordStandIn["messages"]>;
}

/**
 * What the Discord alert tests share: a Discord stand-in and a REST client on it, started before
 * the calling describe block's tests and closed after them.
 */
export function discordAlertsKit(): DiscordAlertsKit {
  let started: { discord: DiscordStandIn; rest: REST } | undefined;
  beforeAll(async () => {
    const discord = await startDiscordStandIn();
    started = { discord, rest: new REST({ api: discord.apiUrl, retries: 0 }).setToken(discord.token) };
  });
  afterAll(async () => {
    await started?.discord.close();
  });
  const current = () => {
    if (!started) throw new Error("the Discord stand-in starts in beforeAll: use the kit inside a test");
    return started;
  };
  return {
    get discord() {
      return current().discord;
    },
    get rest() {
      return current().rest;
    },
    dmsTo: (userId) => current().discord.messages(current().discord.dmChannel(userId).id),
  };
}
