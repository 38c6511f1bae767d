import { type Client, Events } from "discord.js";
import type { DiscordInteractionDeps } from "./discord-interaction-deps.ts";

export type { DiscordInteractionDeps } from "./discord-interaction-deps.ts";

/** Slash commands (`/ask`, `/sabio …`), answer buttons and the correction modal. */
export function registerDiscordInteractions(client: Client, deps: DiscordInteractionDeps): void {
  const logger = deps.logger.child({ component: "discord-interactions" });
  client.on(Events.InteractionCreate, (interaction) => {
    logger.debug({ interactionId: interaction.id }, "discord interaction (not handled yet)");
  });
}
