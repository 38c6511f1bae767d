import type { IncomingMessage } from "node:http";

export interface DiscordRequest {
  method: string;
  /** After `/api/v10`, e.g. "/channels/1/messages". */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON, a multipart body's `payload_json` (files are not kept), or undefined. */
  body: unknown;
  authorization: string | undefined;
  /** Which base the request used; anything but `/api/v10` is answered 404. */
  version: string | undefined;
}

/** Reads a request as @discordjs/rest sends it: JSON, or multipart/form-data when files are attached. */
export async function readDiscordRequest(request: IncomingMessage): Promise<DiscordRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const url = new URL(request.url ?? "/", "http://stand-in");
  const match = /^\/api\/(v\d+)(\/.*)?$/.exec(url.pathname);
  const contentType = request.headers["content-type"] ?? "";
  let body: unknown;
  if (raw.length > 0 && contentType.startsWith("application/json")) body = JSON.parse(raw.toString("utf8"));
  else if (raw.length > 0 && contentType.startsWith("multipart/form-data")) {
    const form = await new Request("http://stand-in", {
      method: "POST",
      headers: { "content-type": contentType },
      body: raw,
    }).formData();
    const payload = form.get("payload_json");
    body = typeof payload === "string" ? JSON.parse(payload) : {};
  }
  return {
    method: request.method ?? "GET",
    path: match?.[2] ?? url.pathname,
    query: url.searchParams,
    body,
    authorization: request.headers.authorization,
    version: match?.[1],
  };
}
