import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { assistantMethods } from "./slack/assistant-methods.ts";
import { createCallLog, type SlackCall } from "./slack/call-log.ts";
import { chatMethods } from "./slack/chat-methods.ts";
import { conversationMethods } from "./slack/conversation-methods.ts";
import { createFaultQueue, type SlackFault } from "./slack/fault-queue.ts";
import { createMessageStore, type StoredMessage } from "./slack/message-store.ts";
import { oauthMethods, standInScopes } from "./slack/oauth-methods.ts";
import { reactionKey, reactionMethods } from "./slack/reaction-methods.ts";
import { readSlackCall } from "./slack/read-slack-call.ts";
import { SlackMethodError } from "./slack/slack-method-error.ts";
import { createSlackTimestamps } from "./slack/slack-timestamps.ts";
import {
  type MethodTable,
  replyThread,
  type SlackWorkspace,
  type StandInUser,
} from "./slack/slack-workspace.ts";
import { streamMethods } from "./slack/stream-methods.ts";
import { tokenRotationMethods } from "./slack/token-rotation-methods.ts";
import { userMethods } from "./slack/user-methods.ts";
import { viewMethods } from "./slack/view-methods.ts";

export type { SlackCall } from "./slack/call-log.ts";
export type { SlackFault } from "./slack/fault-queue.ts";
export type { StoredMessage } from "./slack/message-store.ts";
export { goodOAuthCode } from "./slack/oauth-methods.ts";
export type { StandInUser } from "./slack/slack-workspace.ts";

export interface SlackStandInOptions {
  /** Users users.info knows, by id. The bot user is always known. */
  users?: Record<string, StandInUser>;
  teamId?: string;
  botUserId?: string;
}

export interface SlackStandIn {
  /** e.g. http://127.0.0.1:40123/api/ — the WebClient's `slackApiUrl`. */
  apiUrl: string;
  teamId: string;
  botUserId: string;
  botId: string;
  /** Every call received, in order, failed ones included. */
  calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  /** Resolves once `count` calls to `method` have arrived in all (default 1, within 5 s). */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<SlackCall[]>;
  /** Answers the next `times` calls to `method` with a 429 (Retry-After) or `{ ok: false, error }`. */
  failNext(method: string, fault: SlackFault, times?: number): void;
  /** The channel now, oldest first: posts with updates, streams and deletes applied, replies included. */
  messages(channel: string): StoredMessage[];
  /** A thread's parent (when stored) and replies, oldest first. */
  thread(channel: string, threadTs: string): StoredMessage[];
  /** Stores a message from a person (e.g. the question an event is about) and returns it. */
  seedMessage(channel: string, message: { user: string; text: string; thread_ts?: string }): StoredMessage;
  /** Reaction names the bot has on a message, stored or not. */
  reactionsOn(channel: string, ts: string): string[];
  close(): Promise<void>;
}

/** Methods that authenticate with client credentials instead of a token. */
const tokenless = new Set(["oauth.v2.access"]);

/**
 * An in-process Slack Web API on a random local port: the real `@slack/web-api` WebClient (and Bolt)
 * talk to it through `slackApiUrl`. Answers as Slack does — `{ ok: true, … }` or HTTP 200
 * `{ ok: false, error }`, 429 with Retry-After — keeps the messages posted, updated and streamed, and
 * records every call.
 */
export async function startSlackStandIn(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
  const log = createCallLog();
  const faults = createFaultQueue();
  const reactions = new Map<string, Set<string>>();
  const workspace: SlackWorkspace = {
    teamId: options.teamId ?? "T0STANDIN",
    teamName: "Sabio Test",
    botUserId: options.botUserId ?? "U0SABIOBOT",
    botId: "B0SABIOBOT",
    appId: "A0SABIOAPP",
    users: options.users ?? {},
    messages: createMessageStore(),
    nextTs: createSlackTimestamps(),
  };
  const methods: MethodTable = {
    ...userMethods(workspace),
    ...chatMethods(workspace),
    ...streamMethods(workspace),
    ...reactionMethods(workspace, reactions),
    ...conversationMethods(workspace),
    ...viewMethods(workspace),
    ...oauthMethods(workspace),
    ...tokenRotationMethods(workspace),
    ...assistantMethods(),
  };

  const server = createServer((request, response) => {
    readSlackCall(request)
      .then(({ method, args, token, bodyError }) => {
        log.record({ method, args, token, at: Date.now() });
        const fault = faults.take(method);
        if (fault && "rateLimited" in fault) {
          return send(
            response,
            429,
            { ok: false, error: "ratelimited" },
            { "retry-after": String(fault.rateLimited) },
          );
        }
        if (fault) return send(response, 200, { ok: false, error: fault.error });
        if (bodyError) return send(response, 200, { ok: false, error: bodyError });
        const handler = methods[method];
        if (!handler) return send(response, 200, { ok: false, error: "unknown_method", req_method: method });
        if (!token && !tokenless.has(method)) return send(response, 200, { ok: false, error: "not_authed" });
        return send(response, 200, { ok: true, ...handler(args, token) });
      })
      .catch((error: unknown) => {
        if (error instanceof SlackMethodError) return send(response, 200, { ok: false, error: error.error });
        return send(response, 500, { ok: false, error: "internal_error", detail: String(error) });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    teamId: workspace.teamId,
    botUserId: workspace.botUserId,
    botId: workspace.botId,
    calls: log.calls,
    callsTo: log.callsTo,
    waitFor: log.waitFor,
    failNext: (method, fault, times = 1) => faults.add(method, fault, times),
    messages: (channel) => structuredClone(workspace.messages.inChannel(channel)),
    thread: (channel, threadTs) => structuredClone(workspace.messages.thread(channel, threadTs)),
    seedMessage(channel, { user, text, thread_ts }) {
      const threadTs = replyThread(workspace, channel, thread_ts);
      const stored = workspace.messages.add(channel, {
        type: "message",
        ts: workspace.nextTs(),
        team: workspace.teamId,
        user,
        text,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
      return structuredClone(stored);
    },
    reactionsOn: (channel, ts) => [...(reactions.get(reactionKey(channel, ts)) ?? [])],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.destroyed) return;
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "x-oauth-scopes": standInScopes,
    ...headers,
  });
  response.end(JSON.stringify(body));
}
