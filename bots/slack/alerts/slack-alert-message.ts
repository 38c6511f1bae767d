import type { KnownBlock } from "@slack/types";

export interface SlackAlertMessage {
  /** The notification and fallback text. */
  text: string;
  blocks: KnownBlock[];
}

/**
 * An alert DM: the headline (also the notification) in bold over what happened, then what still
 * stands and what to do. Every part is mrkdwn the caller has escaped.
 */
export function slackAlertMessage(headline: string, what: string, next: string): SlackAlertMessage {
  return {
    text: headline,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `:warning: *${headline}*\n${what}` } },
      { type: "section", text: { type: "mrkdwn", text: next } },
    ],
  };
}
