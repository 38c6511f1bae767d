import { z } from "zod";
import {
  type RequestTokenOptions,
  requestToken,
  type TokenAnswer,
  type TokenFailure,
  type TokenGrant,
} from "#connectors/oauth/request-token.ts";

export interface GoogleTokenClient {
  /** GOOGLE_TOKEN_URL. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

export type GoogleTokenGrant = TokenGrant;

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
export type GoogleTokenFailure = TokenFailure;

export type GoogleTokenResult = TokenAnswer<GoogleTokens>;

const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).nullish(),
  expires_in: z.coerce.number().positive().nullish(),
  scope: z.string().nullish(),
  token_type: z.string().nullish(),
});

/**
 * `POST GOOGLE_TOKEN_URL` (form-encoded, client id and secret in the body, as Google documents).
 * A refusal is a result (the caller words it); an unreachable or garbled endpoint throws a
 * retryable AppError whose message never quotes the body (it may hold tokens).
 */
export async function requestGoogleToken(
  client: GoogleTokenClient,
  grant: GoogleTokenGrant,
  options: RequestTokenOptions & { now?: () => number } = {},
): Promise<GoogleTokenResult> {
  const now = options.now ?? Date.now;
  return requestToken(
    {
      name: "Google's token endpoint",
      url: client.tokenUrl,
      body: { form: { ...grant, client_id: client.clientId, client_secret: client.clientSecret } },
      tokenResponse: tokenResponse.transform(
        (body): GoogleTokens => ({
          access_token: body.access_token,
          refresh_token: body.refresh_token ?? undefined,
          // Google always says; an hour (its lifetime) if not, so a 401 is never the first sign.
          expiry_date: now() + (body.expires_in ?? 3600) * 1000,
          scope: body.scope ?? undefined,
          token_type: body.token_type ?? undefined,
        }),
      ),
    },
    options,
  );
}
