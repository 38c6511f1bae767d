import type { APIEmbed, APIMessage, APIMessageReference, MessageFlags } from "discord.js";
import { MessageFlags as Flags, MessageType } from "discord.js";
import { discordErrors } from "./discord-api-error.ts";
import type { DiscordWorld } from "./discord-world.ts";

/** The fields of a create/edit body the stand-in keeps (what discord.js sends as JSON). */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: unknown[];
  flags?: number;
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean };
  message_reference?: {
    message_id?: string;
    channel_id?: string;
    guild_id?: string;
    fail_if_not_exists?: boolean;
  };
  attachments?: unknown[];
  sticker_ids?: string[];
  poll?: unknown;
  nonce?: string | number;
  tts?: boolean;
}

const contentLimit = 2_000;

/** Discord's 400s for a body it won't post: empty, over 2,000 characters, too many or too large embeds. */
export function checkMessageBody(body: MessageBody, { creating }: { creating: boolean }): void {
  const content = body.content ?? "";
  if (content.length > contentLimit) {
    throw discordErrors.invalidForm("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.");
  }
  const embeds = body.embeds ?? [];
  if (embeds.length > 10)
    throw discordErrors.invalidForm("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
  for (const embed of embeds) {
    if ((embed.description ?? "").length > 4_096) {
      throw discordErrors.invalidForm("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 4096 or fewer in length.");
    }
  }
  const embedCharacters = embeds.reduce(
    (sum, embed) =>
      sum +
      (embed.title ?? "").length +
      (embed.description ?? "").length +
      (embed.footer?.text ?? "").length +
      (embed.author?.name ?? "").length +
      (embed.fields ?? []).reduce((fields, field) => fields + field.name.length + field.value.length, 0),
    0,
  );
  if (embedCharacters > 6_000)
    throw discordErrors.invalidForm(
      "embeds",
      "MAX_EMBED_SIZE_EXCEEDED",
      "Embed size exceeds maximum size of 6000",
    );
  const empty =
    content.trim() === "" &&
    embeds.length === 0 &&
    (body.components ?? []).length === 0 &&
    (body.attachments ?? []).length === 0 &&
    (body.sticker_ids ?? []).length === 0 &&
    body.poll === undefined;
  if (creating && empty) throw discordErrors.emptyMessage();
}

/**
 * Who a message would ping, computed as Discord does from the content and `allowed_mentions`
 * (no `allowed_mentions`: everything in the content pings).
 */
export function mentionsOf(world: DiscordWorld, content: string, allowed: MessageBody["allowed_mentions"]) {
  const parse = allowed ? (allowed.parse ?? []) : ["users", "roles", "everyone"];
  const userIds = [...content.matchAll(/<@!?(\d+)>/g)].map((match) => match[1] ?? "");
  const roleIds = [...content.matchAll(/<@&(\d+)>/g)].map((match) => match[1] ?? "");
  const allowedUser = (id: string) => parse.includes("users") || (allowed?.users ?? []).includes(id);
  const allowedRole = (id: string) => parse.includes("roles") || (allowed?.roles ?? []).includes(id);
  return {
    mentions: [...new Set(userIds.filter(allowedUser))].map((id) => world.userJson(id)),
    mention_roles: [...new Set(roleIds.filter(allowedRole))],
    mention_everyone: parse.includes("everyone") && /@(everyone|here)/.test(content),
  };
}

/** A message in Discord's REST shape. `author` defaults to the bot. */
export function buildMessage(
  world: DiscordWorld,
  channelId: string,
  body: MessageBody,
  extras: Partial<APIMessage> = {},
): APIMessage {
  const reference = body.message_reference?.message_id
    ? referenceTo(world, channelId, body.message_reference)
    : undefined;
  const referenced = reference?.message_id
    ? world.findMessageAnywhere(reference.message_id)?.message
    : undefined;
  const content = body.content ?? "";
  const message: APIMessage = {
    id: world.nextId(),
    type: reference ? MessageType.Reply : MessageType.Default,
    channel_id: channelId,
    author: world.userJson(world.botUser.id),
    content,
    timestamp: world.isoNow(),
    edited_timestamp: null,
    tts: body.tts ?? false,
    ...mentionsOf(world, content, body.allowed_mentions),
    attachments: [],
    embeds: body.embeds ?? [],
    components: (body.components ?? []) as NonNullable<APIMessage["components"]>,
    pinned: false,
    // Only SuppressEmbeds, Ephemeral, SuppressNotifications and IsComponentsV2 can be set by a bot.
    flags: ((body.flags ?? 0) &
      (Flags.SuppressEmbeds |
        Flags.Ephemeral |
        Flags.SuppressNotifications |
        Flags.IsComponentsV2)) as MessageFlags,
    ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
    ...(reference ? { message_reference: reference } : {}),
    ...(referenced ? { referenced_message: referenced } : {}),
  };
  return Object.assign(message, extras);
}

function referenceTo(
  world: DiscordWorld,
  channelId: string,
  reference: NonNullable<MessageBody["message_reference"]>,
): APIMessageReference | undefined {
  const messageChannelId = reference.channel_id ?? channelId;
  const found = reference.message_id ? world.findMessage(messageChannelId, reference.message_id) : undefined;
  if (!found) {
    if (reference.fail_if_not_exists === false) return undefined;
    throw discordErrors.invalidForm(
      "message_reference",
      "MESSAGE_REFERENCE_UNKNOWN_MESSAGE",
      "Unknown message",
    );
  }
  const guildId = world.channels.get(messageChannelId)?.guild_id;
  return {
    type: 0,
    message_id: found.message.id,
    channel_id: messageChannelId,
    ...(guildId ? { guild_id: guildId } : {}),
  };
}

/** Applies an edit body to a stored message, as PATCH does: only the fields given change. */
export function applyEdit(world: DiscordWorld, message: APIMessage, body: MessageBody): void {
  if (body.content !== undefined) {
    message.content = body.content ?? "";
    Object.assign(message, mentionsOf(world, message.content, body.allowed_mentions));
  }
  if (body.embeds !== undefined) message.embeds = body.embeds ?? [];
  if (body.components !== undefined) {
    message.components = (body.components ?? []) as NonNullable<APIMessage["components"]>;
  }
  if (body.flags !== undefined) {
    const keep = (message.flags ?? 0) & ~Flags.SuppressEmbeds & ~Flags.Loading;
    message.flags = (keep | ((body.flags ?? 0) & Flags.SuppressEmbeds)) as MessageFlags;
  } else if ((message.flags ?? 0) & Flags.Loading) {
    message.flags = ((message.flags ?? 0) & ~Flags.Loading) as MessageFlags;
  }
  message.edited_timestamp = world.isoNow();
}
