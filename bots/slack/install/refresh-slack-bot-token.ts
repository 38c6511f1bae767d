import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { slackAppError, slackErrorCode } from "#bots/slack/reply/slack-app-error.ts";
import { AppError, ErrorCode, isAppError } from "#shared/errors/app-error.ts";

/** The fields of Slack's token-rotation answer Sabio reads. */
const rotatedTokens = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().int().positive(),
});

export interface RefreshedSlackBotToken {
  token: string;
  refreshToken: string;
  expiresInSeconds: number;
}

export interface SlackClientCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * Trades a refresh token for a new bot token and a new refresh token (`oauth.v2.access`,
 * `grant_type=refresh_token`); Slack revokes the old refresh token. A refusal says to reinstall
 * and is not retryable, except a spent refresh token (see refreshError); an unreachable Slack is.
 */
export async function refreshSlackBotToken(
  client: WebClient,
  credentials: SlackClientCredentials,
  refreshToken: string,
): Promise<RefreshedSlackBotToken> {
  let answer: unknown;
  try {
    answer = await client.oauth.v2.access({
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      grant_type: "refresh_token",
      refresh_token: refreshToken,
    });
  } catch (error) {
    throw refreshError(error);
  }
  const parsed = rotatedTokens.safeParse(answer);
  if (!parsed.success) {
    throw new AppError(ErrorCode.UpstreamError, "Slack's token rotation answer lacked the new tokens.", {
      hint: "is token rotation on for the Slack app (OAuth & Permissions → Advanced token security)?",
    });
  }
  return {
    token: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token,
    expiresInSeconds: parsed.data.expires_in,
  };
}

function refreshError(error: unknown): unknown {
  const mapped = slackAppError(error, "oauth.v2.access");
  const code = slackErrorCode(error);
  if (!isAppError(mapped) || mapped.retryable || code === undefined) return mapped;
  return new AppError(ErrorCode.UpstreamError, `Slack refused to rotate the bot token (${code}).`, {
    cause: error,
    // A spent refresh token usually means another process rotated first and is storing the new
    // pair: a later try reads it. A real revocation also deletes the installation
    // (tokens_revoked / app_uninstalled), and the later try ends as "not installed".
    retryable: code === "invalid_refresh_token",
    hint: "if it persists, reinstall Sabio in that Slack workspace (/slack/install); check SLACK_CLIENT_ID and SLACK_CLIENT_SECRET",
  });
}
