import { ApplicationCommandOptionType, REST } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import {
  type DiscordStandIn,
  standardIds,
  startDiscordStandIn,
} from "#test/stand-ins/discord/discord-server.ts";
import { maxAskQuestionLength } from "./discord-command-definitions.ts";
import { registerDiscordCommands } from "./register-discord-commands.ts";

describe("registerDiscordCommands", () => {
  let discord: DiscordStandIn;
  let rest: REST;
  beforeEach(async () => {
    discord = await startDiscordStandIn();
    rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
  });
  afterEach(async () => {
    await discord.close();
  });
  const register = (guildIds: string[]) =>
    registerDiscordCommands({ rest, applicationId: discord.applicationId, guildIds, logger: silentLogger() });

  it("overwrites the global commands when no guild is named, the same ids on every start", async () => {
    await register([]);
    const first = discord.commands().map((command) => ({ name: command.name, id: command.id }));
    await register([]);
    expect(discord.commands().map((command) => ({ name: command.name, id: command.id }))).toEqual(first);
    expect(first.map((command) => command.name)).toEqual(["ask", "sabio"]);
    expect(discord.callsTo("putGlobalCommands")).toHaveLength(2);
    expect(discord.callsTo("putGuildCommands")).toEqual([]);
    expect(discord.commands(standardIds.guild)).toEqual([]);
  });

  it("registers in each named guild instead (DISCORD_GUILD_IDS), nothing globally", async () => {
    await register([standardIds.guild]);
    expect(discord.callsTo("putGuildCommands").map((call) => call.params.guild_id)).toEqual([
      standardIds.guild,
    ]);
    expect(discord.commands(standardIds.guild).map((command) => command.name)).toEqual(["ask", "sabio"]);
    expect(discord.commands()).toEqual([]);
  });

  it("defines /ask with a required, bounded question and /sabio visible to everyone", async () => {
    await register([]);
    const [ask, sabio] = discord.commands() as unknown as {
      name: string;
      default_member_permissions: string | null;
      contexts?: number[];
      options: {
        name: string;
        type: number;
        required?: boolean;
        max_length?: number;
        options?: { name: string }[];
      }[];
    }[];
    expect(ask?.options).toEqual([
      expect.objectContaining({
        name: "question",
        type: ApplicationCommandOptionType.String,
        required: true,
        max_length: maxAskQuestionLength,
      }),
    ]);
    expect(sabio?.default_member_permissions).toBeNull();
    expect(sabio?.contexts).toEqual([0, 1]);
    expect(sabio?.options.map((option) => option.name)).toEqual([
      "help",
      "status",
      "pending",
      "connect",
      "billing",
    ]);
    const connect = sabio?.options.find((option) => option.name === "connect");
    expect(connect?.type).toBe(ApplicationCommandOptionType.SubcommandGroup);
    expect(connect?.options?.map((option) => option.name)).toEqual(["notion", "drive"]);
  });
});
