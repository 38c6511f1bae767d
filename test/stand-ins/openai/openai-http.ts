import type { ServerResponse } from "node:http";

/** OpenAI's JSON answers. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.destroyed) return;
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

/** OpenAI's error shape: `{"error":{"message","type","param","code"}}`. */
export function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  type = "invalid_request_error",
  code: string | null = null,
): void {
  sendJson(response, status, { error: { message, type, param: null, code } });
}

/** The error a status injected by a test answers with, worded as OpenAI-compatible servers do. */
export function sendFault(response: ServerResponse, status: number): void {
  const [message, type, code] = faultBody(status);
  sendError(response, status, message, type, code);
}

function faultBody(status: number): [string, string, string | null] {
  if (status === 401) return ["Incorrect API key provided.", "invalid_request_error", "invalid_api_key"];
  if (status === 429) return ["Rate limit reached for requests", "requests", "rate_limit_exceeded"];
  if (status === 503) return ["Loading model", "unavailable_error", null];
  if (status >= 500) return ["The server had an error while processing your request.", "server_error", null];
  return [`request failed with status ${status}`, "invalid_request_error", null];
}

export function modelNotFound(response: ServerResponse, model: string): void {
  sendError(
    response,
    404,
    `The model \`${model}\` does not exist or you do not have access to it.`,
    "invalid_request_error",
    "model_not_found",
  );
}
