import { z } from "zod";
import { openSealedCredentials, sealCredentials } from "#connectors/oauth/sealed-credentials.ts";
import type { SecretBox } from "#shared/crypto/secret-box.ts";
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

export function sealNotionCredentials(
  box: SecretBox,
  connectionId: string,
  credentials: NotionCredentials,
): string {
  return sealCredentials(box, connectionId, { v: 1, ...credentials });
}

export function openNotionCredentials(
  box: SecretBox,
  connectionId: string,
  sealed: string,
): NotionCredentials {
  const { v: _version, ...credentials } = openSealedCredentials(
    box,
    connectionId,
    sealed,
    credentialsSchema,
    {
      message: "This Notion connection's stored tokens are unreadable.",
      hint: reconnectNotionHint,
    },
  );
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
