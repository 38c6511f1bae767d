import { z } from "zod";
import { AppError, ErrorCode, errorMessage } from "#shared/errors/app-error.ts";

export interface NotionTokenClient {
  /** NOTION_API_URL: origin without /v1. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
}

export type NotionTokenGrant =
  | { grant_type: "authorization_code"; code: string; redirect_uri: string }
  | { grant_type: "refresh_token"; refresh_token: string };

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
export interface NotionTokenFailure {
  status: number;
  error: string;
  description: string;
}

export type NotionTokenResult =
  | { ok: true; tokens: NotionTokens }
  | { ok: false; failure: NotionTokenFailure };

export interface RequestNotionTokenOptions {
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
}

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
const errorResponse = z.object({
  error: z.string().optional(),
  error_description: z.string().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});

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
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(`${client.apiUrl.replace(/\/+$/, "")}/v1/oauth/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}`,
        "content-type": "application/json",
        accept: "application/json",
        "notion-version": "2025-09-03",
      },
      body: JSON.stringify(grant),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    text = await response.text();
  } catch (error) {
    throw new AppError(
      ErrorCode.Unavailable,
      `Could not reach Notion's token endpoint: ${errorMessage(error)}`,
      {
        cause: error,
        retryable: true,
      },
    );
  }
  const json = safeJson(text);
  if (!response.ok) {
    const parsed = errorResponse.safeParse(json);
    const body = parsed.success ? parsed.data : {};
    return {
      ok: false,
      failure: {
        status: response.status,
        error: body.error ?? body.code ?? `http_${response.status}`,
        description: (body.error_description ?? body.message ?? "").slice(0, 300),
      },
    };
  }
  const parsed = tokenResponse.safeParse(json);
  // The body holds tokens: it is never quoted in the error.
  if (!parsed.success) {
    throw new AppError(
      ErrorCode.UpstreamError,
      "Notion's token endpoint answered in a form Sabio does not understand.",
      {
        retryable: true,
      },
    );
  }
  const body = parsed.data;
  return {
    ok: true,
    tokens: {
      accessToken: body.access_token,
      refreshToken: body.refresh_token ?? null,
      botId: body.bot_id ?? undefined,
      workspaceId: body.workspace_id ?? undefined,
      workspaceName: body.workspace_name ?? undefined,
      expiresAt: body.expires_in ? new Date(now() + body.expires_in * 1000) : null,
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
