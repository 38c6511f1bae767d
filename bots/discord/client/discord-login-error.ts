import { GatewayCloseCodes } from "discord.js";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";

/** One line each: what Discord refused and the one thing to change. */
export const disallowedIntentsMessage =
  "Discord refused the Message Content intent (gateway close 4014): switch it on in the Developer Portal (Bot → Privileged Gateway Intents → Message Content Intent), or set DISCORD_MESSAGE_CONTENT=false (follow-ups in a thread then need a mention).";

export const invalidTokenMessage =
  "Discord rejected DISCORD_TOKEN (invalid token): copy the bot token again from the Developer Portal (Bot → Reset Token).";

/**
 * What a failed login means for the person running Sabio. discord.js rejects `login()` with
 * "Used disallowed intents" on 4014 and with code TokenInvalid when GET /gateway/bot answers 401;
 * the gateway's close code (seen on `shardDisconnect`) settles the rest. Anything else is returned
 * unchanged (a network failure is not a configuration error).
 */
export function discordLoginError(error: unknown, closeCode: number | undefined): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : "";
  if (closeCode === GatewayCloseCodes.DisallowedIntents || /disallowed intents/i.test(message)) {
    return new AppError(ErrorCode.InvalidConfig, disallowedIntentsMessage, { cause: error });
  }
  if (
    closeCode === GatewayCloseCodes.AuthenticationFailed ||
    code === "TokenInvalid" ||
    (error as { status?: unknown } | undefined)?.status === 401
  ) {
    return new AppError(ErrorCode.InvalidConfig, invalidTokenMessage, { cause: error });
  }
  return error;
}
