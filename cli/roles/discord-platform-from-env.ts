import type { Redis } from "ioredis";
import { redisInteractionTokens } from "#bots/discord/interaction-tokens.ts";
import { createDiscordPlatform } from "#bots/discord/reply/create-discord-platform.ts";
import type { Env } from "#shared/config/env.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { Platform } from "#shared/platform/platform.ts";

/**
 * The answer worker's way back to Discord, or undefined without DISCORD_TOKEN: REST only (the
 * gateway is the discord role's). `redis` is called on the first `/ask` reply, not before.
 */
export async function discordPlatformFromEnv(
  env: Env,
  logger: Logger,
  redis: () => Redis,
): Promise<Platform | undefined> {
  if (!env.DISCORD_TOKEN) return undefined;
  const { REST } = await import("discord.js");
  const rest = new REST({ api: env.DISCORD_API_URL }).setToken(env.DISCORD_TOKEN);
  const tokens = () => redisInteractionTokens(redis(), env.QUEUE_PREFIX);
  return createDiscordPlatform({
    rest,
    interactionTokens: {
      save: (interactionId, token) => tokens().save(interactionId, token),
      load: (interactionId) => tokens().load(interactionId),
    },
    logger: logger.child({ platform: "discord" }),
  });
}
