import { z } from "zod";
import { AppError, ErrorCode, errorMessage } from "#shared/errors/app-error.ts";

/** The two grants Sabio sends a token endpoint (RFC 6749 §4.1.3 and §6). */
export type TokenGrant =
  | { grant_type: "authorization_code"; code: string; redirect_uri: string }
  | { grant_type: "refresh_token"; refresh_token: string };

/** A refusal (4xx/5xx) with the OAuth error code, e.g. invalid_grant, invalid_client. */
export interface TokenFailure {
  status: number;
  error: string;
  description: string;
}

/** A refusal's code and description as one provider's error body gives them. */
export interface TokenRefusal {
  error: string | undefined;
  description: string | undefined;
}

/** One provider's token endpoint and how it is spoken to. */
export interface TokenEndpoint<Tokens> {
  /** How messages name it: "Google's token endpoint". */
  name: string;
  url: string;
  /** Sent form-encoded or as JSON; content-type and accept are added here. */
  body: { form: Record<string, string> } | { json: unknown };
  /** More headers, e.g. HTTP Basic client authentication. */
  headers?: Record<string, string>;
  /** Reads a success: only the fields the provider uses, into its own words. */
  tokenResponse: z.ZodType<Tokens>;
  /** Reads a refusal's body; RFC 6749 §5.2's `{ error, error_description }` when not given. */
  errorResponse?: z.ZodType<TokenRefusal>;
}

export type TokenAnswer<Tokens> = { ok: true; tokens: Tokens } | { ok: false; failure: TokenFailure };

export interface RequestTokenOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const oauthErrorResponse = z
  .object({ error: z.string().optional(), error_description: z.string().optional() })
  .transform((body): TokenRefusal => ({ error: body.error, description: body.error_description }));

/**
 * `POST` to a token endpoint. A refusal is a result (the caller words it); an unreachable, timed-out
 * or garbled endpoint throws a retryable AppError whose message never quotes the body (it may hold
 * tokens).
 */
export async function requestToken<Tokens>(
  endpoint: TokenEndpoint<Tokens>,
  options: RequestTokenOptions = {},
): Promise<TokenAnswer<Tokens>> {
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(endpoint.url, {
      method: "POST",
      headers: {
        ...endpoint.headers,
        "content-type": "form" in endpoint.body ? "application/x-www-form-urlencoded" : "application/json",
        accept: "application/json",
      },
      body:
        "form" in endpoint.body
          ? new URLSearchParams(endpoint.body.form)
          : JSON.stringify(endpoint.body.json),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    text = await response.text();
  } catch (error) {
    throw new AppError(ErrorCode.Unavailable, `Could not reach ${endpoint.name}: ${errorMessage(error)}`, {
      cause: error,
      retryable: true,
    });
  }
  const json = safeJson(text);
  if (!response.ok) {
    const parsed = (endpoint.errorResponse ?? oauthErrorResponse).safeParse(json);
    const refusal: Partial<TokenRefusal> = parsed.success ? parsed.data : {};
    return {
      ok: false,
      failure: {
        status: response.status,
        error: refusal.error ?? `http_${response.status}`,
        description: (refusal.description ?? "").slice(0, 300),
      },
    };
  }
  const parsed = endpoint.tokenResponse.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      ErrorCode.UpstreamError,
      `${endpoint.name} answered in a form Sabio does not understand.`,
      {
        retryable: true,
      },
    );
  }
  return { ok: true, tokens: parsed.data };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
