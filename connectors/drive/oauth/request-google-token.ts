import { z } from "zod";
import { AppError, ErrorCode, errorMessage } from "#shared/errors/app-error.ts";

export interface GoogleTokenClient {
  /** GOOGLE_TOKEN_URL. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

export type GoogleTokenGrant =
  | { grant_type: "authorization_code"; code: string; redirect_uri: string }
  | { grant_type: "refresh_token"; refresh_token: string };

/** What the token endpoint answered, as google-auth-library keeps it. Secrets: never log or show this. */
export interface GoogleTokens {
  access_token: string;
  /** Only on consent with `access_type=offline`; never on a refresh. */
  refresh_token: string | undefined;
  /** Milliseconds since the epoch, from `expires_in`. */
  expiry_date: number;
  scope: string | undefined;
  token_type: string | undefined;
}

/** A refusal with Google's OAuth error code, e.g. invalid_grant, invalid_client, redirect_uri_mismatch. */
export interface GoogleTokenFailure {
  status: number;
  error: string;
  description: string;
}

export type GoogleTokenResult =
  | { ok: true; tokens: GoogleTokens }
  | { ok: false; failure: GoogleTokenFailure };

const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).nullish(),
  expires_in: z.coerce.number().positive().nullish(),
  scope: z.string().nullish(),
  token_type: z.string().nullish(),
});

const errorResponse = z.object({
  error: z.string().optional(),
  error_description: z.string().optional(),
});

/**
 * `POST GOOGLE_TOKEN_URL` (form-encoded, client id and secret in the body, as Google documents).
 * A refusal is a result (the caller words it); an unreachable or garbled endpoint throws a
 * retryable AppError whose message never quotes the body (it may hold tokens).
 */
export async function requestGoogleToken(
  client: GoogleTokenClient,
  grant: GoogleTokenGrant,
  options: { fetch?: typeof fetch; now?: () => number; timeoutMs?: number } = {},
): Promise<GoogleTokenResult> {
  const now = options.now ?? Date.now;
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(client.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ ...grant, client_id: client.clientId, client_secret: client.clientSecret }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    text = await response.text();
  } catch (error) {
    throw new AppError(
      ErrorCode.Unavailable,
      `Could not reach Google's token endpoint: ${errorMessage(error)}`,
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
        error: body.error ?? `http_${response.status}`,
        description: (body.error_description ?? "").slice(0, 300),
      },
    };
  }
  const parsed = tokenResponse.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      ErrorCode.UpstreamError,
      "Google's token endpoint answered in a form Sabio does not understand.",
      { retryable: true },
    );
  }
  const body = parsed.data;
  return {
    ok: true,
    tokens: {
      access_token: body.access_token,
      refresh_token: body.refresh_token ?? undefined,
      // Google always says; an hour (its lifetime) if not, so a 401 is never the first sign.
      expiry_date: now() + (body.expires_in ?? 3600) * 1000,
      scope: body.scope ?? undefined,
      token_type: body.token_type ?? undefined,
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
