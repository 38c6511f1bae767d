import type { IncomingMessage, ServerResponse } from "node:http";
import { HTTPModuleFunctions, type HTTPReceiver, verifySlackRequest } from "@slack/bolt";
import { z } from "zod";
import type { Logger } from "#shared/log/logger.ts";

export interface SlackRequestGuardOptions {
  signingSecret: string;
  /** The events path the guard screens; other paths go straight to Bolt. */
  endpoint: string;
  logger: Logger;
  /** Milliseconds since the epoch, for the timestamp window. */
  now?: (() => number) | undefined;
}

/** Slack signs with its clock; five minutes either way is what Bolt allows for the past. */
const maxSkewSeconds = 5 * 60;

/**
 * What a signed body must look like before Bolt sees it. Bolt reads `body.ssl_check` and
 * `body.event.type` without checking, so a signed `null` killed the process and `event: null`
 * gave a 500. An event envelope needs its event; anything else needs a type (interactions,
 * url_verification) or a command (slash commands, form fields).
 */
const eventObject = z.looseObject({ type: z.string().min(1) });
const slackBody = z.union([
  z.looseObject({ type: z.literal("event_callback"), event: eventObject }),
  z.looseObject({
    type: z
      .string()
      .min(1)
      .refine((type) => type !== "event_callback"),
    event: eventObject.optional(),
  }),
  z.looseObject({ command: z.string().min(1), type: z.never().optional() }),
]);

type Verdict = { ok: true } | { ok: false; status: number; reason: string };

/**
 * Puts a screen in front of the receiver's POST endpoint: the body is read (with Bolt's limit),
 * its signature and timestamp checked (also against the future, which Bolt lets through) and its
 * shape checked, and only then handed to Bolt, which reuses the buffered body. A bad request gets
 * 401/400/413 at once instead of a 3-second hang, a 500 or a crash.
 */
export function guardSlackRequests(receiver: HTTPReceiver, options: SlackRequestGuardOptions): void {
  const inner = receiver.requestListener;
  const now = options.now ?? Date.now;
  receiver.requestListener = (request, response) => {
    if (request.method?.toUpperCase() !== "POST" || pathOf(request) !== options.endpoint) {
      inner(request, response);
      return;
    }
    screen(request, options.signingSecret, now()).then(
      (verdict) => {
        if (verdict.ok) {
          inner(request, response);
          return;
        }
        options.logger.warn(
          { status: verdict.status, reason: verdict.reason },
          "slack request refused before reaching Bolt",
        );
        respond(response, verdict.status);
      },
      () => respond(response, 500),
    );
  };
}

async function screen(request: IncomingMessage, signingSecret: string, nowMs: number): Promise<Verdict> {
  let text: string;
  let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.bufferIncomingMessage>>;
  try {
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(request, HTTPModuleFunctions.defaultBodyLimit);
    text = buffered.rawBody.toString();
  } catch (error) {
    if (HTTPModuleFunctions.isRawBodyError(error) && (error as { statusCode?: number }).statusCode === 413) {
      return { ok: false, status: 413, reason: "body too large" };
    }
    return { ok: false, status: 400, reason: "body could not be read" };
  }
  const form = request.headers["content-type"] === "application/x-www-form-urlencoded";
  // Slack's unsigned SSL check: Bolt answers it and drops anything smuggled beside it.
  if (form && new URLSearchParams(text).get("ssl_check") === "1") return { ok: true };

  const signature = request.headers["x-slack-signature"];
  const timestampHeader = request.headers["x-slack-request-timestamp"];
  if (typeof signature !== "string" || typeof timestampHeader !== "string") {
    return { ok: false, status: 401, reason: "signature headers missing" };
  }
  const timestamp = Number(timestampHeader);
  if (!Number.isFinite(timestamp)) return { ok: false, status: 401, reason: "bad timestamp" };
  if (timestamp > Math.floor(nowMs / 1000) + maxSkewSeconds) {
    return { ok: false, status: 401, reason: "timestamp in the future" };
  }
  try {
    verifySlackRequest({
      signingSecret,
      body: text,
      headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
      nowMilliseconds: nowMs,
    });
  } catch {
    return { ok: false, status: 401, reason: "signature or timestamp rejected" };
  }

  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch {
    return { ok: false, status: 400, reason: "body is not valid JSON" };
  }
  if (!slackBody.safeParse(body).success)
    return { ok: false, status: 400, reason: "body has no Slack shape" };
  return { ok: true };
}

function pathOf(request: IncomingMessage): string | undefined {
  try {
    return new URL(request.url ?? "/", "http://localhost").pathname;
  } catch {
    return undefined;
  }
}

function respond(response: ServerResponse, status: number): void {
  if (response.headersSent) return;
  response.writeHead(status);
  response.end();
}
