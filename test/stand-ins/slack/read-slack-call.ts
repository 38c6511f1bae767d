import type { IncomingMessage } from "node:http";
import type { SlackArgs } from "./slack-args.ts";

export interface ParsedSlackCall {
  /** The Web API method, e.g. "chat.postMessage". */
  method: string;
  args: SlackArgs;
  /** From `Authorization: Bearer …`, else the `token` argument. */
  token: string | undefined;
  /** Set when the body could not be read (Slack's `invalid_json`). */
  bodyError?: string;
}

/**
 * Arguments the WebClient JSON-encodes inside a form body: parsed back so tests see the structure they
 * passed. Only these, so a text like "[1]" stays text.
 */
const jsonFields = new Set([
  "attachments",
  "blocks",
  "chunks",
  "metadata",
  "prompts",
  "unfurls",
  "user_auth_blocks",
  "view",
]);
/** Form bodies carry "true"/"false"; tests compare with booleans, as a JSON body would give. */
const booleanFields = new Set([
  "as_user",
  "include_all_metadata",
  "inclusive",
  "link_names",
  "mrkdwn",
  "reply_broadcast",
  "unfurl_links",
  "unfurl_media",
]);

/** Reads a Web API request: `/api/<method>`, form-encoded or JSON body, query-string arguments. */
export async function readSlackCall(request: IncomingMessage): Promise<ParsedSlackCall> {
  const url = new URL(request.url ?? "/", "http://stand-in");
  const method = url.pathname.replace(/^\/api\//, "").replace(/^\//, "");
  const raw = await readBody(request);
  const args: SlackArgs = formArgs(url.searchParams);
  const contentType = request.headers["content-type"] ?? "";
  let bodyError: string | undefined;
  if (contentType.includes("application/json")) {
    const parsed = parseJsonObject(raw);
    if (parsed) Object.assign(args, parsed);
    else bodyError = "invalid_json";
  } else if (raw !== "") {
    Object.assign(args, formArgs(new URLSearchParams(raw)));
  }
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? "")?.[1];
  const bodyToken = typeof args.token === "string" ? args.token : undefined;
  delete args.token;
  return { method, args, token: bearer ?? bodyToken, ...(bodyError ? { bodyError } : {}) };
}

function parseJsonObject(raw: string): SlackArgs | null {
  if (raw === "") return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as SlackArgs)
      : null;
  } catch {
    return null;
  }
}

function formArgs(params: URLSearchParams): SlackArgs {
  const args: SlackArgs = {};
  for (const [name, value] of params) args[name] = formValue(name, value);
  return args;
}

function formValue(name: string, value: string): unknown {
  if (booleanFields.has(name) && (value === "true" || value === "false")) return value === "true";
  if (!jsonFields.has(name)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
