import type { Client } from "discord.js";
import { discordLoginError } from "./discord-login-error.ts";

/**
 * Logs in and resolves once the client is ready (READY and every guild received), or rejects with
 * a one-line configuration error for a refused intent or token (discord-login-error.ts).
 */
export async function loginDiscordClient(client: Client, token: string): Promise<void> {
  let closeCode: number | undefined;
  const onDisconnect = (event: { code: number }) => {
    closeCode = event.code;
  };
  client.on("shardDisconnect", onDisconnect);
  const ready = new Promise<void>((resolve) => client.once("clientReady", () => resolve()));
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    throw discordLoginError(error, closeCode);
  } finally {
    client.off("shardDisconnect", onDisconnect);
  }
}
