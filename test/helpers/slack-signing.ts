import { createHmac, randomUUID } from "node:crypto";

export interface SlackSignatureHeaders {
  "x-slack-signature": string;
  "x-slack-request-timestamp": string;
}

/**
 * Headers Slack sends with a request: `v0=` + HMAC-SHA256 over `v0:{timestamp}:{raw body}` with the
 * app's signing secret. Pass an old `timestampSeconds` to play a replayed request.
 */
export function signSlackRequest(
  body: string,
  signingSecret: string,
  timestampSeconds = Math.floor(Date.now() / 1000),
): SlackSignatureHeaders {
  const digest = createHmac("sha256", signingSecret).update(`v0:${timestampSeconds}:${body}`).digest("hex");
  return { "x-slack-signature": `v0=${digest}`, "x-slack-request-timestamp": String(timestampSeconds) };
}

export interface SlackEventEnvelopeOptions {
  teamId: string;
  /** Slack's id for this delivery ("Ev…"); a fresh one when left out. */
  eventId?: string;
  /** Seconds since the epoch; now when left out. */
  eventTime?: number;
  apiAppId?: string;
  /** The bot user the event was authorized for. */
  botUserId?: string;
  enterpriseId?: string;
  /** The workspace the event happened in, when it differs from `teamId` (shared channels, Grid). */
  contextTeamId?: string;
}

/**
 * The raw JSON body of an Events API `event_callback` delivery wrapping `event`, as Slack POSTs it
 * to `/slack/events`: sign this exact string.
 */
export function slackEventBody(event: Record<string, unknown>, options: SlackEventEnvelopeOptions): string {
  const enterpriseId = options.enterpriseId ?? null;
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: options.teamId,
    context_team_id: options.contextTeamId ?? options.teamId,
    context_enterprise_id: enterpriseId,
    enterprise_id: enterpriseId ?? undefined,
    api_app_id: options.apiAppId ?? "A0SABIOAPP",
    event,
    type: "event_callback",
    event_id: options.eventId ?? `Ev${randomUUID().replaceAll("-", "").slice(0, 10).toUpperCase()}`,
    event_time: options.eventTime ?? Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: enterpriseId,
        team_id: options.teamId,
        user_id: options.botUserId ?? "U0SABIOBOT",
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(JSON.stringify({ team: options.teamId })).toString("base64url")}`,
  });
}

/** The raw form body of an interactivity request (buttons, modals): `payload=<url-encoded JSON>`. */
export function slackInteractionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
