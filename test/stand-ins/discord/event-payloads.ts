import { randomBytes } from "node:crypto";
import { ApplicationCommandOptionType, ComponentType, InteractionType, MessageType } from "discord.js";
import type { DiscordWorld } from "./discord-world.ts";
import { mentionsOf } from "./message-factory.ts";

/** Data for a MESSAGE_CREATE from a person (or another bot), as the gateway sends it. */
export interface UserMessageSpec {
  channelId: string;
  authorId: string;
  content: string;
  /** A reply to this message (type 19 with `message_reference`). */
  replyTo?: string;
}

export function userMessage(world: DiscordWorld, spec: UserMessageSpec): Record<string, unknown> {
  const channel = world.channels.get(spec.channelId);
  if (!channel) throw new Error(`No channel ${spec.channelId} in the stand-in`);
  const guildId = channel.guild_id;
  const replied = spec.replyTo ? world.findMessage(spec.channelId, spec.replyTo)?.message : undefined;
  const { user: _user, ...member } = guildId ? world.memberJson(guildId, spec.authorId) : { user: undefined };
  return {
    id: world.nextId(),
    type: spec.replyTo ? MessageType.Reply : MessageType.Default,
    channel_id: spec.channelId,
    channel_type: channel.type,
    author: world.userJson(spec.authorId),
    content: spec.content,
    timestamp: world.isoNow(),
    edited_timestamp: null,
    tts: false,
    ...mentionsOf(world, spec.content, undefined),
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    flags: 0,
    nonce: world.nextId(),
    ...(guildId ? { guild_id: guildId, member } : {}),
    ...(spec.replyTo
      ? {
          message_reference: {
            type: 0,
            message_id: spec.replyTo,
            channel_id: spec.channelId,
            ...(guildId ? { guild_id: guildId } : {}),
          },
          referenced_message: replied ?? null,
        }
      : {}),
  };
}

/** `<@bot> text`: what a mention in a channel looks like. */
export function mentionMessage(
  world: DiscordWorld,
  spec: Omit<UserMessageSpec, "content"> & { text: string },
): Record<string, unknown> {
  const { text, ...rest } = spec;
  return userMessage(world, { ...rest, content: `<@${world.botUser.id}> ${text}`.trimEnd() });
}

interface InteractionBase {
  channelId: string;
  userId: string;
}

function interactionEnvelope(
  world: DiscordWorld,
  base: InteractionBase,
  type: InteractionType,
  data: unknown,
) {
  const channel = world.channels.get(base.channelId);
  if (!channel) throw new Error(`No channel ${base.channelId} in the stand-in`);
  const guildId = channel.guild_id;
  return {
    id: world.nextId(),
    application_id: world.applicationId,
    type,
    data,
    channel,
    channel_id: channel.id,
    token: `aW50ZXJhY3Rpb246${randomBytes(24).toString("base64url")}`,
    version: 1,
    locale: "en-US",
    entitlements: [],
    attachment_size_limit: 10_485_760,
    ...(guildId
      ? {
          guild_id: guildId,
          guild_locale: "en-US",
          guild: { id: guildId, locale: "en-US", features: [] },
          member: {
            ...world.memberJson(guildId, base.userId),
            permissions: world.permissionsOf(guildId, base.userId).toString(),
          },
          app_permissions: world.permissionsOf(guildId, world.botUser.id).toString(),
          authorizing_integration_owners: { "0": guildId },
          context: 0,
        }
      : {
          user: world.userJson(base.userId),
          app_permissions: "0",
          authorizing_integration_owners: { "0": "0" },
          context: 1,
        }),
  };
}

export interface SlashCommandSpec extends InteractionBase {
  /** e.g. "ask" or "sabio". */
  command: string;
  subcommandGroup?: string;
  subcommand?: string;
  /** String options by name, e.g. `{ question: "How many vacation days?" }`. */
  options?: Record<string, string>;
}

/** INTERACTION_CREATE for a chat-input command; its `data.id` is the registered command's when there is one. */
export function slashCommand(world: DiscordWorld, spec: SlashCommandSpec) {
  const guildId = world.channels.get(spec.channelId)?.guild_id;
  const registered = [
    ...(guildId ? (world.guildCommands.get(guildId) ?? []) : []),
    ...world.globalCommands,
  ].find((command) => command.name === spec.command);
  let options: unknown[] = Object.entries(spec.options ?? {}).map(([name, value]) => ({
    name,
    type: ApplicationCommandOptionType.String,
    value,
  }));
  if (spec.subcommand)
    options = [{ name: spec.subcommand, type: ApplicationCommandOptionType.Subcommand, options }];
  if (spec.subcommandGroup) {
    options = [{ name: spec.subcommandGroup, type: ApplicationCommandOptionType.SubcommandGroup, options }];
  }
  return interactionEnvelope(world, spec, InteractionType.ApplicationCommand, {
    id: registered?.id ?? world.nextId(),
    name: spec.command,
    type: 1,
    options,
    ...(registered && typeof registered.guild_id === "string" ? { guild_id: registered.guild_id } : {}),
  });
}

export interface ButtonClickSpec extends InteractionBase {
  /** The message the button is on (stored in the stand-in, e.g. an answer the bot posted). */
  messageId: string;
  customId: string;
}

/** INTERACTION_CREATE for a click on a button of a stored message. */
export function buttonClick(world: DiscordWorld, spec: ButtonClickSpec) {
  const message = world.findMessage(spec.channelId, spec.messageId)?.message;
  if (!message) throw new Error(`No message ${spec.messageId} in channel ${spec.channelId}`);
  return {
    ...interactionEnvelope(world, spec, InteractionType.MessageComponent, {
      custom_id: spec.customId,
      component_type: ComponentType.Button,
    }),
    message,
  };
}

export interface ModalSubmitSpec extends InteractionBase {
  customId: string;
  /** Text input values by their custom_id. */
  fields: Record<string, string>;
  /** The message whose button opened the modal, if one did. */
  messageId?: string;
  /**
   * How the submitted components are laid out: text inputs in Labels (type 18, the current modal
   * layout) or in action rows (type 1, the older one). Discord echoes the layout the modal was shown with.
   */
  layout?: "label" | "actionRow";
}

/** INTERACTION_CREATE for a submitted modal. */
export function modalSubmit(world: DiscordWorld, spec: ModalSubmitSpec) {
  const message = spec.messageId ? world.findMessage(spec.channelId, spec.messageId)?.message : undefined;
  const components = Object.entries(spec.fields).map(([customId, value], index) => {
    const input = { type: ComponentType.TextInput, id: index * 2 + 2, custom_id: customId, value };
    return spec.layout === "actionRow"
      ? { type: ComponentType.ActionRow, id: index * 2 + 1, components: [input] }
      : { type: ComponentType.Label, id: index * 2 + 1, component: input };
  });
  return {
    ...interactionEnvelope(world, spec, InteractionType.ModalSubmit, {
      custom_id: spec.customId,
      components,
    }),
    ...(message ? { message } : {}),
  };
}
