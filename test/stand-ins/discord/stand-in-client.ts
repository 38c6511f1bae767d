import { once } from "node:events";
import { Client, type ClientOptions, GatewayIntentBits, Partials } from "discord.js";
import type { DiscordStandIn } from "./discord-server.ts";

/** The intents and partials the Sabio bot asks for. */
export const botIntents = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
  GatewayIntentBits.MessageContent,
];

/** A real discord.js Client pointed at the stand-in's REST (and so at its gateway), not yet logged in. */
export function standInClient(standIn: DiscordStandIn, options: Partial<ClientOptions> = {}): Client {
  return new Client({
    intents: botIntents,
    partials: [Partials.Channel],
    ...options,
    rest: { api: standIn.apiUrl, ...options.rest },
  });
}

/** Logs a stand-in client in and resolves once it is ready (READY and every GUILD_CREATE received). */
export async function loginStandInClient(
  standIn: DiscordStandIn,
  options: Partial<ClientOptions> = {},
): Promise<Client> {
  const client = standInClient(standIn, options);
  const ready = once(client, "clientReady");
  await client.login(standIn.token);
  await ready;
  return client;
}
