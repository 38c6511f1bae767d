import { z } from "zod";
import {
  type RequestTokenOptions,
  requestToken,
  type TokenAnswer,
  type TokenFailure,
  type TokenGrant,
  type TokenRefusal,
} from "#connectors/oauth/request-token.ts";

export interface NotionTokenClient {
  /** NOTION_API_URL: origin without /v1. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
}

export type NotionTokenGrant = TokenGrant;

/** What `POST /v1/oauth/token` answered, in our words. Secrets: never log or show this. */
export interface NotionTokens {
  accessToken: string;
  /** Null when Notion issued none: the access token then lives until revoked. */
  refreshToken: string | null;
  botId: string | undefined;
  workspaceId: string | undefined;
  workspaceName: string | undefined;
  /** From `expires_in`, when Notion sends it. */
  expiresAt: Date | null;
}

/** A refusal (4xx/5xx) with the OAuth error code, e.g. invalid_grant, invalid_client. */
export type NotionTokenFailure = TokenFailure;

export type NotionTokenResult = TokenAnswer<NotionTokens>;

export type RequestNotionTokenOptions = RequestTokenOptions & { now?: () => number };

// Only the fields we read.
const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).nullish(),
  bot_id: z.string().min(1).nullish(),
  workspace_id: z.string().min(1).nullish(),
  workspace_name: z.string().nullish(),
  expires_in: z.number().positive().nullish(),
});

// OAuth's `{ error, error_description }` or Notion's `{ object: "error", code, message }`.
const errorResponse = z
  .object({
    error: z.string().optional(),
    error_description: z.string().optional(),
    code: z.string().optional(),
    message: z.string().optional(),
  })
  .transform(
    (body): TokenRefusal => ({
      error: body.error ?? body.code,
      description: body.error_description ?? body.message,
    }),
  );

/**
 * `POST ${apiUrl}/v1/oauth/token` with HTTP Basic client authentication. A refusal is a result (the
 * caller words it); an unreachable or garbled endpoint throws a retryable AppError.
 */
export async function requestNotionToken(
  client: NotionTokenClient,
  grant: NotionTokenGrant,
  options: RequestNotionTokenOptions = {},
): Promise<NotionTokenResult> {
  const now = options.now ?? Date.now;
  return requestToken(
    {
      name: "Notion's token endpoint",
      url: `${client.apiUrl.replace(/\/+$/, "")}/v1/oauth/token`,
      headers: {
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}`,
        "notion-version": "2025-09-03",
      },
      body: { json: grant },
      tokenResponse: tokenResponse.transform(
        (body): NotionTokens => ({
          accessToken: body.access_token,
          refreshToken: body.refresh_token ?? null,
          botId: body.bot_id ?? undefined,
          workspaceId: body.workspace_id ?? undefined,
          workspaceName: body.workspace_name ?? undefined,
          expiresAt: body.expires_in ? new Date(now() + body.expires_in * 1000) : null,
        }),
      ),
      errorResponse,
    },
    options,
  );
}
