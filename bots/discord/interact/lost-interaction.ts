import { DiscordAPIError, RESTJSONErrorCodes } from "discord.js";

/**
 * Discord refused the response because the interaction is gone: past its 3-second window (10062
 * Unknown interaction) or already answered by another process on the same token (40060). Nothing
 * can be said to the user through it any more; the caller logs and moves on.
 */
export function isLostInteraction(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.UnknownInteraction ||
      error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged)
  );
}
