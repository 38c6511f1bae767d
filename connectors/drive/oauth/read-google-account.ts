import { z } from "zod";
import { AppError, ErrorCode, errorMessage } from "#shared/errors/app-error.ts";

/** The Google account a grant acts for. */
export interface GoogleAccount {
  /** Lower case; what the connection is keyed and labelled by. */
  email: string | undefined;
  displayName: string | undefined;
  /** Drive's stable id of the user: the key when no email is given. */
  permissionId: string | undefined;
}

const aboutResponse = z.object({
  user: z
    .object({
      emailAddress: z.string().nullish(),
      displayName: z.string().nullish(),
      permissionId: z.string().nullish(),
    })
    .nullish(),
});

/**
 * `about.get` with `fields=user(emailAddress,displayName,permissionId)` (it requires fields) at
 * GOOGLE_API_URL, with the fresh access token. Drive's rootUrl drops any path, so this does too.
 */
export async function readGoogleAccount(
  apiUrl: string,
  accessToken: string,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<GoogleAccount> {
  const url = new URL("/drive/v3/about", apiUrl);
  url.searchParams.set("fields", "user(emailAddress,displayName,permissionId)");
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    text = await response.text();
  } catch (error) {
    throw new AppError(ErrorCode.Unavailable, `Could not reach Google Drive: ${errorMessage(error)}`, {
      cause: error,
      retryable: true,
    });
  }
  if (response.status === 403 && /accessNotConfigured|SERVICE_DISABLED/.test(text)) {
    throw new AppError(
      ErrorCode.InvalidConfig,
      "The Google Drive API is not enabled for Sabio's Cloud project.",
      {
        hint: "enable the Google Drive API in the Google Cloud console (APIs & Services → Library), then start again",
      },
    );
  }
  if (!response.ok) {
    throw new AppError(
      response.status >= 500 || response.status === 429 ? ErrorCode.Unavailable : ErrorCode.UpstreamError,
      `Google Drive would not say which account was connected (HTTP ${response.status}).`,
      { retryable: response.status >= 500 || response.status === 429, hint: "start again from a fresh link" },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const user = aboutResponse.safeParse(json).data?.user;
  return {
    email: user?.emailAddress?.toLowerCase() || undefined,
    displayName: user?.displayName || undefined,
    permissionId: user?.permissionId || undefined,
  };
}
