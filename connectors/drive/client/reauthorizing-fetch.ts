/**
 * Sends each request as the client built it; on a 401 asks for a fresh authorization (`renew`, given
 * the header Drive refused) and sends that request once more with it. A second 401 is handed back:
 * the credential is dead (see toDriveError). `renew` throws when the token endpoint refuses
 * (`invalid_grant`: revoked).
 */
export function reauthorizingFetch(
  inner: typeof fetch,
  renew: (rejected: string | null) => Promise<string>,
): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (response.status !== 401) return response;
    await response.body?.cancel();
    const headers = new Headers(init?.headers);
    headers.set("authorization", await renew(headers.get("authorization")));
    return inner(input, { ...init, headers });
  };
}
