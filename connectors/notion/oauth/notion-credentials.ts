import { z } from "zod";
import type { SecretBox } from "#shared/crypto/secret-box.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { reconnectNotionHint } from "../client/notion-error.ts";
import type { NotionTokens } from "./request-notion-token.ts";

/** An OAuth connection's tokens, as they are sealed into `source_connections.credentials`. */
export interface NotionCredentials {
  accessToken: string;
  refreshToken: string | null;
  botId: string | null;
  /** ISO time the access token expires, when Notion said. */
  expiresAt: string | null;
}

const credentialsSchema = z.object({
  v: z.literal(1),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).nullable(),
  botId: z.string().nullable(),
  expiresAt: z.iso.datetime().nullable(),
});

/**
 * Seals with the connection id as context: a sealed value copied onto another connection's row
 * does not open there.
 */
export function sealNotionCredentials(
  box: SecretBox,
  connectionId: string,
  credentials: NotionCredentials,
): string {
  return box.seal(JSON.stringify({ v: 1, ...credentials }), connectionId);
}

export function openNotionCredentials(
  box: SecretBox,
  connectionId: string,
  sealed: string,
): NotionCredentials {
  const plain = box.open(sealed, connectionId);
  let parsed: z.infer<typeof credentialsSchema>;
  try {
    parsed = credentialsSchema.parse(JSON.parse(plain));
  } catch {
    throw new AppError(ErrorCode.InvalidConfig, "This Notion connection's stored tokens are unreadable.", {
      hint: reconnectNotionHint,
    });
  }
  const { v: _version, ...credentials } = parsed;
  return credentials;
}

/** New tokens over old ones: a refresh answer may leave out what did not change (bot id, refresh token). */
export function credentialsFromTokens(tokens: NotionTokens, previous?: NotionCredentials): NotionCredentials {
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken ?? previous?.refreshToken ?? null,
    botId: tokens.botId ?? previous?.botId ?? null,
    expiresAt: tokens.expiresAt?.toISOString() ?? null,
  };
}
