import type {
  APIChannel,
  APIGuildMember,
  APIMessage,
  APIRole,
  APIUser,
  ChannelFlags,
  GuildMemberFlags,
  RoleFlags,
} from "discord.js";
import { ChannelType, PermissionFlagsBits } from "discord.js";

export interface StandInUser {
  id: string;
  username: string;
  globalName?: string;
  bot?: boolean;
}

export interface StandInRole {
  id: string;
  name: string;
  /** Permission bits, e.g. `PermissionFlagsBits.ManageGuild`. */
  permissions: bigint;
}

export interface StandInMember {
  userId: string;
  roleIds: string[];
}

export interface StandInGuild {
  id: string;
  name: string;
  ownerId: string;
  /** `@everyone` (id = guild id) first. */
  roles: StandInRole[];
  members: StandInMember[];
  joinedAt: string;
  /** Set by `setBotPermissions`: the bot's guild permissions, whatever its roles say. */
  botPermissions?: bigint;
}

/** A stored message: the REST shape, plus the guild it belongs to (dispatches carry it, REST answers don't). */
export interface StoredMessage {
  message: APIMessage;
  guildId: string | undefined;
}

export interface InteractionState {
  id: string;
  token: string;
  /** 2 application command, 3 message component, 5 modal submit… */
  type: number;
  userId: string;
  applicationId: string;
  channelId: string;
  guildId: string | undefined;
  /** The message a component or modal interaction came from, which an UpdateMessage (7) edits. */
  sourceMessageId: string | undefined;
  /** When it was dispatched (the 3-second window starts here). */
  createdAt: number;
  /** The callback type (4, 5, 6, 7, 9…) of the first response, once there is one. */
  respondedWith: number | undefined;
  originalMessageId: string | undefined;
  /** Set by `expireInteraction`: every callback then answers 10062. */
  expired: boolean;
}

export interface RegisteredCommand extends Record<string, unknown> {
  id: string;
  name: string;
}

/**
 * The stand-in's Discord, in memory: users, guilds with roles and members, channels (text channels,
 * threads, DMs), messages per channel, the bot's reactions, interactions and registered commands.
 * Everything is JSON in Discord's REST shapes so routes and dispatches hand it out as it is.
 */
export class DiscordWorld {
  readonly users = new Map<string, StandInUser>();
  readonly guilds = new Map<string, StandInGuild>();
  readonly channels = new Map<string, APIChannel & { guild_id?: string }>();
  readonly messagesByChannel = new Map<string, StoredMessage[]>();
  /** channelId:messageId → emoji names the bot reacted with. */
  readonly reactions = new Map<string, Set<string>>();
  readonly interactions = new Map<string, InteractionState>();
  readonly globalCommands: RegisteredCommand[] = [];
  readonly guildCommands = new Map<string, RegisteredCommand[]>();
  /** Messages a thread was started from → the thread's id (Discord gives the thread the message's id). */
  readonly threadOfMessage = new Map<string, string>();
  readonly botUser: StandInUser;
  readonly applicationId: string;
  readonly token: string;
  readonly nextId: () => string;
  readonly now: () => number;

  constructor(identity: {
    botUser: StandInUser;
    applicationId: string;
    token: string;
    nextId: () => string;
    now: () => number;
  }) {
    this.botUser = identity.botUser;
    this.applicationId = identity.applicationId;
    this.token = identity.token;
    this.nextId = identity.nextId;
    this.now = identity.now;
    this.users.set(identity.botUser.id, identity.botUser);
  }

  isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  userJson(id: string): APIUser {
    const user = this.users.get(id) ?? { id, username: `user-${id}` };
    return {
      id: user.id,
      username: user.username,
      discriminator: "0",
      global_name: user.globalName ?? user.username,
      avatar: null,
      ...(user.bot ? { bot: true } : {}),
    };
  }

  /** The guild a channel (or a thread's parent) belongs to. */
  guildOf(channelId: string): StandInGuild | undefined {
    const guildId = this.channels.get(channelId)?.guild_id;
    return guildId ? this.guilds.get(guildId) : undefined;
  }

  memberOf(guildId: string, userId: string): StandInMember | undefined {
    return this.guilds.get(guildId)?.members.find((member) => member.userId === userId);
  }

  memberJson(guildId: string, userId: string): APIGuildMember {
    const guild = this.guilds.get(guildId);
    const member = this.memberOf(guildId, userId);
    return {
      user: this.userJson(userId),
      nick: null,
      avatar: null,
      banner: null,
      roles: member?.roleIds ?? [],
      joined_at: guild?.joinedAt ?? this.isoNow(),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
    };
  }

  roleJson(role: StandInRole, position: number): APIRole {
    return {
      id: role.id,
      name: role.name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions: role.permissions.toString(),
      managed: false,
      mentionable: false,
      flags: 0 as RoleFlags,
    };
  }

  /** A member's guild permissions as Discord computes them: owner and Administrator get everything. */
  permissionsOf(guildId: string, userId: string): bigint {
    const guild = this.guilds.get(guildId);
    if (!guild) return 0n;
    const all = Object.values(PermissionFlagsBits).reduce((sum, bit) => sum | bit, 0n);
    if (guild.ownerId === userId) return all;
    if (userId === this.botUser.id && guild.botPermissions !== undefined) return guild.botPermissions;
    const roleIds = new Set([guild.id, ...(this.memberOf(guildId, userId)?.roleIds ?? [])]);
    const bits = guild.roles
      .filter((role) => roleIds.has(role.id))
      .reduce((sum, role) => sum | role.permissions, 0n);
    return bits & PermissionFlagsBits.Administrator ? all : bits;
  }

  addChannel(channel: APIChannel & { guild_id?: string }): void {
    this.channels.set(channel.id, channel);
    if (!this.messagesByChannel.has(channel.id)) this.messagesByChannel.set(channel.id, []);
  }

  /** The DM channel between the bot and a user, made on first use. */
  dmChannelWith(userId: string): APIChannel {
    for (const channel of this.channels.values()) {
      if (channel.type === ChannelType.DM && channel.recipients?.some((user) => user.id === userId)) {
        return channel;
      }
    }
    const channel: APIChannel = {
      id: this.nextId(),
      type: ChannelType.DM,
      name: null,
      last_message_id: null,
      recipients: [this.userJson(userId)],
      flags: 0 as ChannelFlags,
    };
    this.addChannel(channel);
    return channel;
  }

  storeMessage(message: APIMessage, guildId: string | undefined): StoredMessage {
    const stored = { message, guildId };
    const list = this.messagesByChannel.get(message.channel_id) ?? [];
    list.push(stored);
    this.messagesByChannel.set(message.channel_id, list);
    return stored;
  }

  findMessage(channelId: string, messageId: string): StoredMessage | undefined {
    return this.messagesByChannel.get(channelId)?.find((stored) => stored.message.id === messageId);
  }

  /**
   * A stored message as MESSAGE_CREATE/MESSAGE_UPDATE carry it: with `channel_type` (discord.js needs it
   * to make a DM channel it has not cached, with Partials.Channel), `guild_id` and the author's `member`.
   */
  messageDispatch(stored: StoredMessage): Record<string, unknown> {
    const channelType = this.channels.get(stored.message.channel_id)?.type;
    const withType = {
      ...stored.message,
      ...(channelType === undefined ? {} : { channel_type: channelType }),
    };
    if (!stored.guildId) return withType;
    const { user: _user, ...member } = this.memberJson(stored.guildId, stored.message.author.id);
    const isMember = this.memberOf(stored.guildId, stored.message.author.id) !== undefined;
    return {
      ...withType,
      guild_id: stored.guildId,
      ...(isMember && !stored.message.webhook_id ? { member } : {}),
    };
  }

  findMessageAnywhere(messageId: string): StoredMessage | undefined {
    for (const list of this.messagesByChannel.values()) {
      const found = list.find((stored) => stored.message.id === messageId);
      if (found) return found;
    }
    return undefined;
  }
}
