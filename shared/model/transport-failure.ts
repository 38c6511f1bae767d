/** How a failed HTTP call to a model server is told apart from an answer it gave, for every adapter. */

/** Error codes behind "fetch failed": nothing is listening, the name does not resolve, the socket dropped. */
const connectionCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "EPIPE",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_CLOSED",
]);

export function isConnectionError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth += 1) {
    if (typeof current !== "object") return false;
    if ("code" in current && typeof current.code === "string" && connectionCodes.has(current.code))
      return true;
    if (current instanceof TypeError && current.message === "fetch failed") return true;
    current = "cause" in current ? current.cause : undefined;
  }
  return false;
}

export function isTimeoutReason(reason: unknown): boolean {
  // AbortSignal.timeout() aborts with a DOMException named TimeoutError.
  return typeof reason === "object" && reason !== null && "name" in reason && reason.name === "TimeoutError";
}
