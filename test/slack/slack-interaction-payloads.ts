import { randomUUID } from "node:crypto";
import { correctionBlockId, correctionModalCallbackId } from "#bots/slack/interact/correction-modal.ts";

/**
 * Interactivity and slash-command bodies shaped as Slack sends them (fields from Slack's payload
 * reference and Bolt's types), for tests that post them, signed, to a running app.
 */

const appId = "A0SABIOAPP";

export interface ButtonClickOptions {
  actionId: string;
  /** The button's value: a question id, or anything a forged payload puts there. */
  value: string;
  userId: string;
  teamId: string;
  /** Where the clicked message is; left out, the click comes from the App Home. */
  message?: { channel: string; ts: string; threadTs?: string };
  responseUrl?: string;
}

/** A `block_actions` payload for a button on a message or on the App Home. */
export function buttonClick(options: ButtonClickOptions): Record<string, unknown> {
  const { message } = options;
  const where = message
    ? {
        container: {
          type: "message",
          message_ts: message.ts,
          channel_id: message.channel,
          is_ephemeral: false,
          ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
        },
        channel: { id: message.channel, name: "general" },
        message: {
          type: "message",
          ts: message.ts,
          ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
          user: "U0SABIOBOT",
          text: "answer",
        },
        response_url: options.responseUrl ?? "https://hooks.slack.com/actions/T0/1/unused",
      }
    : {
        container: { type: "view", view_id: "V0HOME" },
        view: { id: "V0HOME", type: "home", team_id: options.teamId, blocks: [], state: { values: {} } },
      };
  return {
    type: "block_actions",
    user: { id: options.userId, username: "someone", name: "someone", team_id: options.teamId },
    api_app_id: appId,
    token: "legacy-verification-token",
    trigger_id: triggerId(),
    team: { id: options.teamId, domain: "acme" },
    enterprise: null,
    is_enterprise_install: false,
    state: { values: {} },
    ...where,
    actions: [
      {
        type: "button",
        action_id: options.actionId,
        block_id: "sabio_answer_actions",
        text: { type: "plain_text", text: "button", emoji: true },
        value: options.value,
        action_ts: `${Math.floor(Date.now() / 1000)}.000100`,
      },
    ],
  };
}

/** A `view_submission` of the correction modal with `text` in its field. */
export function correctionSubmission(options: {
  userId: string;
  teamId: string;
  privateMetadata: string;
  text: string;
}): Record<string, unknown> {
  return {
    type: "view_submission",
    team: { id: options.teamId, domain: "acme" },
    user: { id: options.userId, username: "someone", name: "someone", team_id: options.teamId },
    api_app_id: appId,
    token: "legacy-verification-token",
    trigger_id: triggerId(),
    view: {
      id: "V0MODAL",
      team_id: options.teamId,
      type: "modal",
      callback_id: correctionModalCallbackId,
      private_metadata: options.privateMetadata,
      blocks: [],
      state: {
        values: { [correctionBlockId]: { text: { type: "plain_text_input", value: options.text } } },
      },
      hash: "1712345678.abcdef",
      title: { type: "plain_text", text: "Correct & approve" },
      close: null,
      submit: null,
      root_view_id: "V0MODAL",
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
      app_id: appId,
      bot_id: "B0SABIOBOT",
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** The form fields of a slash command invocation. */
export function slashCommand(options: {
  text: string;
  userId: string;
  teamId: string;
  responseUrl: string;
  command?: string;
}): Record<string, string> {
  return {
    token: "legacy-verification-token",
    team_id: options.teamId,
    team_domain: "acme",
    channel_id: "C0GENERAL",
    channel_name: "general",
    user_id: options.userId,
    user_name: "someone",
    command: options.command ?? "/sabio",
    text: options.text,
    api_app_id: appId,
    is_enterprise_install: "false",
    response_url: options.responseUrl,
    trigger_id: triggerId(),
  };
}

function triggerId(): string {
  return `${Date.now()}.${randomUUID().slice(0, 8)}`;
}
