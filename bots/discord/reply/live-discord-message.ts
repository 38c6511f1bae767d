import { MessageFlags } from "discord.js";
import type { DiscordMessagePart } from "#bots/discord/format/discord-message-part.ts";
import { renderDiscordDraft } from "#bots/discord/format/render-discord-draft.ts";
import type { LiveDraft } from "#shared/platform/draft-reply.ts";
import type { ChannelPacer } from "./channel-pacer.ts";
import type { DiscordConversation } from "./discord-conversation.ts";

/** Shown until the first words arrive, and again when another attempt starts over. */
export const thinkingPart: DiscordMessagePart = {
  content: "-# Thinking…",
  components: [],
  flags: MessageFlags.SuppressEmbeds,
};

export interface LiveDiscordMessage extends LiveDraft<DiscordMessagePart> {
  readonly messageId: string;
}

/** The reply's first message, rewritten with the draft at the channel's pace, then with the answer. */
export function liveDiscordMessage(
  conversation: DiscordConversation,
  messageId: string,
  pacer: ChannelPacer,
): LiveDiscordMessage {
  return {
    messageId,
    mode: "placeholder",
    async show(whole) {
      await pacer.turn(conversation.channelId);
      // Embeds suppressed while drafting: a link would otherwise unfurl and jump with every edit.
      const draft = {
        content: renderDiscordDraft(whole),
        components: [],
        flags: MessageFlags.SuppressEmbeds,
      };
      await conversation.edit(messageId, draft);
    },
    async clear() {
      await conversation.edit(messageId, thinkingPart);
    },
    async settle(part) {
      await conversation.edit(messageId, part);
      return messageId;
    },
  };
}
