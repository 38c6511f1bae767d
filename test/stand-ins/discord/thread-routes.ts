import type { APIThreadChannel, ChannelFlags, MessageFlags } from "discord.js";
import { ChannelType, MessageFlags as Flags, PermissionFlagsBits } from "discord.js";
import { channelOrThrow, isThread, requireBotPermission, type StandInChannel } from "./channel-access.ts";
import { discordErrors } from "./discord-api-error.ts";
import type { DiscordWorld } from "./discord-world.ts";
import type { RouteContext, RouteDefinition } from "./rest-route.ts";

function checkName(name: unknown): string {
  if (typeof name !== "string" || name.length < 1 || name.length > 100) {
    throw discordErrors.invalidForm("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
  }
  return name;
}

function newThread(
  world: DiscordWorld,
  parent: StandInChannel,
  id: string,
  type: ChannelType.PublicThread | ChannelType.PrivateThread | ChannelType.AnnouncementThread,
  body: RouteContext["body"],
): APIThreadChannel & { guild_id: string } {
  const now = world.isoNow();
  return {
    id,
    type,
    guild_id: parent.guild_id ?? "",
    parent_id: parent.id,
    owner_id: world.botUser.id,
    name: checkName(body.name),
    last_message_id: null,
    rate_limit_per_user: Number(body.rate_limit_per_user ?? 0),
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: Number(body.auto_archive_duration ?? 4320) as 60 | 1440 | 4320 | 10080,
      archive_timestamp: now,
      locked: false,
      create_timestamp: now,
      ...(type === ChannelType.PrivateThread ? { invitable: body.invitable !== false } : {}),
    },
    member: { id, user_id: world.botUser.id, join_timestamp: now, flags: 0 },
    flags: 0 as ChannelFlags,
    applied_tags: [],
  } as unknown as APIThreadChannel & { guild_id: string };
}

function threadParent(world: DiscordWorld, channelId: string | undefined): StandInChannel {
  const parent = channelOrThrow(world, channelId);
  if (
    isThread(parent) ||
    (parent.type !== ChannelType.GuildText && parent.type !== ChannelType.GuildAnnouncement)
  ) {
    throw discordErrors.wrongChannelType();
  }
  return parent;
}

/** Threads: started from a message (the thread takes the message's id, as on Discord) or on their own. */
export function threadRoutes(): RouteDefinition[] {
  return [
    {
      name: "startThreadFromMessage",
      method: "POST",
      pattern: "/channels/:channel_id/messages/:message_id/threads",
      auth: true,
      handle: ({ world, params, body, emit }) => {
        const parent = threadParent(world, params.channel_id);
        requireBotPermission(world, parent, PermissionFlagsBits.CreatePublicThreads);
        const stored = world.findMessage(parent.id, params.message_id ?? "");
        if (!stored) throw discordErrors.unknownMessage();
        if (world.threadOfMessage.has(stored.message.id)) throw discordErrors.threadAlreadyCreated();
        const type =
          parent.type === ChannelType.GuildAnnouncement
            ? ChannelType.AnnouncementThread
            : ChannelType.PublicThread;
        const thread = newThread(world, parent, stored.message.id, type, body);
        world.addChannel(thread);
        world.threadOfMessage.set(stored.message.id, thread.id);
        stored.message.thread = thread;
        stored.message.flags = ((stored.message.flags ?? 0) | Flags.HasThread) as MessageFlags;
        emit("THREAD_CREATE", { ...thread, newly_created: true });
        return { status: 201, body: thread };
      },
    },
    {
      name: "startThread",
      method: "POST",
      pattern: "/channels/:channel_id/threads",
      auth: true,
      handle: ({ world, params, body, emit }) => {
        const parent = threadParent(world, params.channel_id);
        const type = Number(body.type ?? ChannelType.PrivateThread);
        if (
          type !== ChannelType.PublicThread &&
          type !== ChannelType.PrivateThread &&
          type !== ChannelType.AnnouncementThread
        ) {
          throw discordErrors.invalidForm("type", "BASE_TYPE_CHOICES", "Value must be one of {10, 11, 12}.");
        }
        requireBotPermission(
          world,
          parent,
          type === ChannelType.PrivateThread
            ? PermissionFlagsBits.CreatePrivateThreads
            : PermissionFlagsBits.CreatePublicThreads,
        );
        const thread = newThread(world, parent, world.nextId(), type, body);
        world.addChannel(thread);
        emit("THREAD_CREATE", { ...thread, newly_created: true });
        return { status: 201, body: thread };
      },
    },
  ];
}
