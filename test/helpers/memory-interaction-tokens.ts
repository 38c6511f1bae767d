import type { InteractionTokens } from "#bots/discord/interaction-tokens.ts";

/** Interaction tokens in this process only, for tests that need no Redis. */
export function memoryInteractionTokens(): InteractionTokens {
  const tokens = new Map<string, string>();
  return {
    save: async (interactionId, token) => void tokens.set(interactionId, token),
    load: async (interactionId) => tokens.get(interactionId),
  };
}
