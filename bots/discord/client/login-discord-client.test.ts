import { GatewayIntentBits } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { type DiscordStandIn, startDiscordStandIn } from "#test/stand-ins/discord/discord-server.ts";
import { createDiscordClient } from "./create-discord-client.ts";
import { disallowedIntentsMessage, invalidTokenMessage } from "./discord-login-error.ts";
import { loginDiscordClient } from "./login-discord-client.ts";

describe("loginDiscordClient (real discord.js, stand-in Discord)", () => {
  let discord: DiscordStandIn;
  const clients: ReturnType<typeof createDiscordClient>[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.destroy()));
    await discord.close();
  });

  const client = (messageContent = true) => {
    const created = createDiscordClient({ apiUrl: discord.apiUrl, messageContent });
    clients.push(created);
    return created;
  };

  it("logs in with the bot's intents and resolves once the guilds are in", async () => {
    discord = await startDiscordStandIn();
    const bot = client();
    await loginDiscordClient(bot, discord.token);
    expect(bot.guilds.cache.size).toBe(1);
    expect(discord.sessions()[0]?.intents).toBe(
      GatewayIntentBits.Guilds |
        GatewayIntentBits.GuildMessages |
        GatewayIntentBits.DirectMessages |
        GatewayIntentBits.MessageContent,
    );
    expect(bot.options.allowedMentions).toEqual({ parse: [] });
  });

  it("turns a 4014 (Message Content switched off in the portal) into one line naming the switch and the variable", async () => {
    discord = await startDiscordStandIn({ disallowedIntents: GatewayIntentBits.MessageContent });
    const error = await loginDiscordClient(client(), discord.token).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: ErrorCode.InvalidConfig, message: disallowedIntentsMessage });
    expect(disallowedIntentsMessage).not.toContain("\n");
    expect(disallowedIntentsMessage).toContain("Bot → Privileged Gateway Intents → Message Content Intent");
    expect(disallowedIntentsMessage).toContain("DISCORD_MESSAGE_CONTENT=false");
    expect(
      discord.gatewayLog.filter((record) => record.kind === "CLOSE").map((record) => record.code),
    ).toEqual([4014]);
  });

  it("logs in without Message Content when told to, even where the portal switch is off", async () => {
    discord = await startDiscordStandIn({ disallowedIntents: GatewayIntentBits.MessageContent });
    const bot = client(false);
    await loginDiscordClient(bot, discord.token);
    expect((discord.sessions()[0]?.intents ?? 0) & GatewayIntentBits.MessageContent).toBe(0);
  });

  it("says in one line that the token was rejected, without the token", async () => {
    discord = await startDiscordStandIn();
    const error = await loginDiscordClient(client(), "not-the-token").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCode.InvalidConfig, message: invalidTokenMessage });
    expect(invalidTokenMessage).not.toContain("\n");
    expect(JSON.stringify(error)).not.toContain("not-the-token");
  });
});
