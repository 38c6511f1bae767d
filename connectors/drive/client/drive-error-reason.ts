/**
 * Drive's error reason (`error.errors[0].reason`) and the OAuth endpoint's `error`, wherever the
 * client left the body: parsed JSON, text (stream requests) or bytes (arraybuffer requests).
 */
export function googleErrorBody(data: unknown): { reason?: string; oauthError?: string } {
  const body = parsed(data);
  if (body === null || typeof body !== "object" || !("error" in body)) return {};
  const error = (body as { error: unknown }).error;
  if (typeof error === "string") return { oauthError: error };
  const reason = (error as { errors?: { reason?: unknown }[] } | null)?.errors?.[0]?.reason;
  return typeof reason === "string" ? { reason } : {};
}

function parsed(data: unknown): unknown {
  let text: string | undefined;
  if (typeof data === "string") text = data;
  else if (data instanceof ArrayBuffer) text = new TextDecoder().decode(data);
  else if (data instanceof Uint8Array) text = Buffer.from(data).toString("utf8");
  if (text === undefined) return data;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Drive's quota reasons: the request was fine, only too soon. Never "access lost". */
export const rateLimitReasons: ReadonlySet<string> = new Set(["userRateLimitExceeded", "rateLimitExceeded"]);

/** Whether a raw answer is a rate limit (429, or 403 with a quota reason); reads a copy of the body. */
export async function isRateLimitResponse(response: Response): Promise<boolean> {
  if (response.status === 429) return true;
  if (response.status !== 403) return false;
  const text = await response
    .clone()
    .text()
    .catch(() => "");
  const { reason } = googleErrorBody(text);
  return reason !== undefined && rateLimitReasons.has(reason);
}
