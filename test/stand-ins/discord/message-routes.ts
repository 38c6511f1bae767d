import type { APIMessage } from "discord.js";
import { PermissionFlagsBits } from "discord.js";
import { channelOrThrow, isThread, requireBotPermission } from "./channel-access.ts";
import { DiscordApiError, discordErrors } from "./discord-api-error.ts";
import type { DiscordWorld } from "./discord-world.ts";
import { applyEdit, buildMessage, checkMessageBody, type MessageBody } from "./message-factory.ts";
import { noContent, ok, type RouteDefinition } from "./rest-route.ts";

export function reactionKey(channelId: string, messageId: string): string {
  return `${channelId}:${messageId}`;
}

function storedOrThrow(world: DiscordWorld, channelId: string | undefined, messageId: string | undefined) {
  channelOrThrow(world, channelId);
  const stored = world.findMessage(channelId ?? "", messageId ?? "");
  if (!stored) throw discordErrors.unknownMessage();
  return stored;
}

/** A unicode emoji or `name:id` for a custom one, as the reaction routes take them (URL-decoded). */
function checkEmoji(emoji: string): void {
  if (/^[\w-]+:\d+$/.test(emoji) || /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(emoji)) return;
  throw new DiscordApiError(400, 10014, "Unknown Emoji");
}

/** Messages in channels, threads and DMs: create (with replies), read, edit, delete, react, type. */
export function messageRoutes(): RouteDefinition[] {
  return [
    {
      name: "createMessage",
      method: "POST",
      pattern: "/channels/:channel_id/messages",
      auth: true,
      handle: ({ world, params, body, emit }) => {
        const channel = channelOrThrow(world, params.channel_id);
        requireBotPermission(
          world,
          channel,
          isThread(channel) ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages,
        );
        checkMessageBody(body as MessageBody, { creating: true });
        const message = buildMessage(world, channel.id, body as MessageBody);
        const stored = world.storeMessage(message, channel.guild_id);
        if ("last_message_id" in channel) channel.last_message_id = message.id;
        emit("MESSAGE_CREATE", world.messageDispatch(stored));
        return ok(message);
      },
    },
    {
      name: "getMessages",
      method: "GET",
      pattern: "/channels/:channel_id/messages",
      auth: true,
      handle: ({ world, params, query }) => {
        channelOrThrow(world, params.channel_id);
        const all = (world.messagesByChannel.get(params.channel_id ?? "") ?? []).map(
          (stored) => stored.message,
        );
        const before = query.get("before");
        const after = query.get("after");
        const limit = Math.min(Number(query.get("limit") ?? 50), 100);
        const newerThan = (message: APIMessage, id: string) => BigInt(message.id) > BigInt(id);
        const picked = all
          .filter((message) => (before ? !newerThan(message, before) && message.id !== before : true))
          .filter((message) => (after ? newerThan(message, after) : true))
          .reverse();
        return ok(after ? picked.slice(-limit) : picked.slice(0, limit));
      },
    },
    {
      name: "getMessage",
      method: "GET",
      pattern: "/channels/:channel_id/messages/:message_id",
      auth: true,
      handle: ({ world, params }) => ok(storedOrThrow(world, params.channel_id, params.message_id).message),
    },
    {
      name: "editMessage",
      method: "PATCH",
      pattern: "/channels/:channel_id/messages/:message_id",
      auth: true,
      handle: ({ world, params, body, emit }) => {
        const stored = storedOrThrow(world, params.channel_id, params.message_id);
        if (stored.message.author.id !== world.botUser.id) throw discordErrors.cannotEditOthers();
        checkMessageBody(body as MessageBody, { creating: false });
        applyEdit(world, stored.message, body as MessageBody);
        const { message } = stored;
        if (!message.content && message.embeds.length === 0 && (message.components ?? []).length === 0) {
          throw discordErrors.emptyMessage();
        }
        emit("MESSAGE_UPDATE", world.messageDispatch(stored));
        return ok(message);
      },
    },
    {
      name: "deleteMessage",
      method: "DELETE",
      pattern: "/channels/:channel_id/messages/:message_id",
      auth: true,
      handle: ({ world, params, emit }) => {
        const stored = storedOrThrow(world, params.channel_id, params.message_id);
        const channel = channelOrThrow(world, params.channel_id);
        if (stored.message.author.id !== world.botUser.id) {
          requireBotPermission(world, channel, PermissionFlagsBits.ManageMessages);
        }
        const list = world.messagesByChannel.get(channel.id) ?? [];
        list.splice(list.indexOf(stored), 1);
        emit("MESSAGE_DELETE", {
          id: stored.message.id,
          channel_id: channel.id,
          ...(stored.guildId ? { guild_id: stored.guildId } : {}),
        });
        return noContent;
      },
    },
    {
      name: "addReaction",
      method: "PUT",
      pattern: "/channels/:channel_id/messages/:message_id/reactions/:emoji/@me",
      auth: true,
      handle: ({ world, params }) => {
        const stored = storedOrThrow(world, params.channel_id, params.message_id);
        requireBotPermission(
          world,
          channelOrThrow(world, params.channel_id),
          PermissionFlagsBits.AddReactions,
        );
        const emoji = params.emoji ?? "";
        checkEmoji(emoji);
        const key = reactionKey(stored.message.channel_id, stored.message.id);
        const mine = world.reactions.get(key) ?? new Set<string>();
        if (!mine.has(emoji)) {
          mine.add(emoji);
          world.reactions.set(key, mine);
          const [name = emoji, id = null] = emoji.split(":");
          const reactions = stored.message.reactions ?? [];
          const existing = reactions.find((reaction) => reaction.emoji.name === name);
          if (existing) {
            existing.count += 1;
            existing.count_details.normal += 1;
            existing.me = true;
          } else {
            reactions.push({
              emoji: { id, name },
              count: 1,
              count_details: { burst: 0, normal: 1 },
              me: true,
              me_burst: false,
              burst_colors: [],
            });
          }
          stored.message.reactions = reactions;
        }
        return noContent;
      },
    },
    {
      name: "removeReaction",
      method: "DELETE",
      pattern: "/channels/:channel_id/messages/:message_id/reactions/:emoji/@me",
      auth: true,
      handle: ({ world, params }) => {
        const stored = storedOrThrow(world, params.channel_id, params.message_id);
        const emoji = params.emoji ?? "";
        const mine = world.reactions.get(reactionKey(stored.message.channel_id, stored.message.id));
        if (mine?.delete(emoji)) {
          const name = emoji.split(":")[0];
          const reactions = (stored.message.reactions ?? [])
            .map((reaction) =>
              reaction.emoji.name === name
                ? {
                    ...reaction,
                    count: reaction.count - 1,
                    me: false,
                    count_details: { ...reaction.count_details, normal: reaction.count_details.normal - 1 },
                  }
                : reaction,
            )
            .filter((reaction) => reaction.count > 0);
          stored.message.reactions = reactions;
        }
        return noContent;
      },
    },
    {
      name: "triggerTyping",
      method: "POST",
      pattern: "/channels/:channel_id/typing",
      auth: true,
      handle: ({ world, params }) => {
        const channel = channelOrThrow(world, params.channel_id);
        requireBotPermission(
          world,
          channel,
          isThread(channel) ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages,
        );
        return noContent;
      },
    },
  ];
}
