import { type REST, Routes } from "discord.js";
import type { DiscordMessagePart } from "#bots/discord/format/discord-message-part.ts";
import { discordAppError } from "./discord-app-error.ts";

/** Pings no one: model output and documents can hold `@everyone` or `<@id>`. */
const noPings = { parse: [] as never[], replied_user: false };

/** What a reply's messages go through: the channel (or thread, or DM), or an `/ask` interaction's webhook. */
export interface DiscordConversation {
  readonly channelId: string;
  readonly viaInteraction: boolean;
  /** The reply's first message: a new one (replying to the question when it has no thread), or `/ask`'s deferred response. */
  open(part: DiscordMessagePart): Promise<string>;
  /** A further message after the first. */
  post(part: DiscordMessagePart): Promise<string>;
  edit(messageId: string, part: DiscordMessagePart): Promise<void>;
  remove(messageId: string): Promise<void>;
}

const body = (part: DiscordMessagePart) => ({
  content: part.content,
  components: part.components,
  flags: part.flags,
  allowed_mentions: noPings,
});

async function call<T>(action: string, run: () => Promise<unknown>): Promise<T> {
  try {
    return (await run()) as T;
  } catch (error) {
    throw discordAppError(error, action);
  }
}

/** Messages in a channel, thread or DM; the first one replies to `replyTo` (no thread to put it in). */
export function channelConversation(rest: REST, channelId: string, replyTo?: string): DiscordConversation {
  const post = async (part: DiscordMessagePart, reference?: string) => {
    const message = await call<{ id: string }>("create message", () =>
      rest.post(Routes.channelMessages(channelId), {
        body: {
          ...body(part),
          ...(reference ? { message_reference: { message_id: reference, fail_if_not_exists: false } } : {}),
        },
      }),
    );
    return message.id;
  };
  return {
    channelId,
    viaInteraction: false,
    open: (part) => post(part, replyTo),
    post: (part) => post(part),
    async edit(messageId, part) {
      await call("edit message", () =>
        rest.patch(Routes.channelMessage(channelId, messageId), { body: body(part) }),
      );
    },
    async remove(messageId) {
      await call("delete message", () => rest.delete(Routes.channelMessage(channelId, messageId)));
    },
  };
}

/**
 * An `/ask` reply through the interaction's webhook (no bot token: the interaction token is the
 * credential): the first message is the deferred response (`@original`), later ones follow-ups.
 */
export function interactionConversation(
  rest: REST,
  interaction: { applicationId: string; token: string; channelId: string },
): DiscordConversation {
  const { applicationId, token, channelId } = interaction;
  const edit = async (messageId: string, part: DiscordMessagePart) =>
    call<{ id: string }>("edit interaction reply", () =>
      rest.patch(Routes.webhookMessage(applicationId, token, messageId), { body: body(part), auth: false }),
    );
  return {
    channelId,
    viaInteraction: true,
    open: async (part) => (await edit("@original", part)).id,
    async post(part) {
      const message = await call<{ id: string }>("post interaction follow-up", () =>
        rest.post(Routes.webhook(applicationId, token), {
          body: body(part),
          auth: false,
          query: new URLSearchParams({ wait: "true" }),
        }),
      );
      return message.id;
    },
    async edit(messageId, part) {
      await edit(messageId, part);
    },
    async remove(messageId) {
      await call("delete interaction message", () =>
        rest.delete(Routes.webhookMessage(applicationId, token, messageId), { auth: false }),
      );
    },
  };
}
