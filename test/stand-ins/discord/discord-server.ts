import type { APIChannel, APIMessage } from "discord.js";
import { createSignalLog } from "../signal-log.ts";
import { commandRoutes } from "./command-routes.ts";
import type { DiscordCall } from "./discord-call.ts";
import {
  DiscordWorld,
  type InteractionState,
  type RegisteredCommand,
  type StandInUser,
} from "./discord-world.ts";
import { registerInteraction, storeDispatchedMessage } from "./dispatch-hooks.ts";
import {
  type ButtonClickSpec,
  buttonClick,
  type ModalSubmitSpec,
  mentionMessage,
  modalSubmit,
  type SlashCommandSpec,
  slashCommand,
  type UserMessageSpec,
  userMessage,
} from "./event-payloads.ts";
import { createFaultQueue, type DiscordFault } from "./fault-queue.ts";
import { type GatewayRecord, startGateway } from "./gateway-server.ts";
import { identityRoutes } from "./identity-routes.ts";
import { interactionRoutes } from "./interaction-routes.ts";
import { messageRoutes, reactionKey } from "./message-routes.ts";
import { createRateLimiter } from "./rate-limits.ts";
import type { RouteDefinition } from "./rest-route.ts";
import { startRestServer } from "./rest-server.ts";
import { createSnowflakes } from "./snowflakes.ts";
import { addGuild, type GuildSpec, standardGuild, standardIds, standardUsers } from "./standard-guild.ts";
import { threadRoutes } from "./thread-routes.ts";

export type { DiscordCall } from "./discord-call.ts";
export type { InteractionState, RegisteredCommand, StandInUser } from "./discord-world.ts";
export type { DiscordFault } from "./fault-queue.ts";
export { missingPermissions } from "./fault-queue.ts";
export type { GatewayRecord } from "./gateway-server.ts";
export type { GuildSpec } from "./standard-guild.ts";
export { memberPermissions, standardIds } from "./standard-guild.ts";

export interface DiscordStandInOptions {
  /** The bot token REST (`Authorization: Bot …`) and IDENTIFY must carry (default "stand-in-bot-token"). */
  token?: string;
  botUser?: { id: string; username: string };
  /** Default: one guild "Sabio Test" with #general and #random (see `standardIds`). */
  guilds?: GuildSpec[];
  /** Default: ada (the owner), pat, mo (Moderator role with Manage Server), helper (a bot). */
  users?: StandInUser[];
  /** Intents whose request closes the gateway with 4014, like a privileged intent switched off in the portal. */
  disallowedIntents?: number;
  /** HELLO's heartbeat_interval (default 41,250 ms, Discord's). */
  heartbeatIntervalMs?: number;
  /** How long after its dispatch an interaction's first callback is accepted (default 3,000 ms). */
  interactionWindowMs?: number;
  /** The stand-in's clock (message timestamps, snowflakes, interaction windows). */
  now?: () => number;
  /**
   * Discord's per-channel buckets on successful calls too (rate-limits.ts: 👀 1 per 250 ms, message
   * creates and edits 5 per 5 s each), with real `X-RateLimit-*` headers and a 429 past the limit.
   * Off by default: only queued faults rate-limit.
   */
  rateLimits?: boolean;
}

export interface DiscordStandIn {
  /** e.g. http://127.0.0.1:40123/api — discord.js's `rest.api` (it appends /v10). */
  apiUrl: string;
  /** ws://127.0.0.1:40124 — handed out by `GET /gateway/bot`. */
  gatewayUrl: string;
  token: string;
  botUserId: string;
  applicationId: string;
  /** Every REST call, in order, failed ones included. */
  calls: DiscordCall[];
  /** By route name ("createMessage") or template ("POST /channels/:channel_id/messages"). */
  callsTo(route: string): DiscordCall[];
  /** Resolves once `count` calls to the route have been answered (default 1, within 5 s). */
  waitFor(route: string, count?: number, timeoutMs?: number): Promise<DiscordCall[]>;
  /** The next `times` calls to the route answer with the fault instead. */
  failNext(route: string, fault: DiscordFault, times?: number): void;
  /** Gateway traffic: CONNECT, IDENTIFY, RESUME, HEARTBEAT…, CLOSE, DISCONNECT. */
  gatewayLog: GatewayRecord[];
  waitForGateway(kind: string, count?: number, timeoutMs?: number): Promise<GatewayRecord[]>;
  sessions(): { id: string; intents: number; connected: boolean; seq: number }[];
  /**
   * Sends a dispatch to every session (two processes on one token both get it). A MESSAGE_CREATE is
   * stored first (so the bot can reply to, react on or thread it); an INTERACTION_CREATE is registered
   * (its 3-second window starts now).
   */
  dispatch(type: string, data: Record<string, unknown>): void;
  /** Cuts every gateway connection (abruptly, or with `code`); the clients then RESUME. */
  dropConnections(code?: number): void;
  /** Ends every session with op 9 (not resumable): clients IDENTIFY again and get a new READY, no replay. */
  invalidateSessions(): void;
  userMessage(spec: UserMessageSpec): Record<string, unknown>;
  mentionMessage(spec: Omit<UserMessageSpec, "content"> & { text: string }): Record<string, unknown>;
  slashCommand(spec: SlashCommandSpec): Record<string, unknown> & { id: string; token: string };
  buttonClick(spec: ButtonClickSpec): Record<string, unknown> & { id: string; token: string };
  /** Without `layout`, mirrors the layout of the last modal the bot showed with this custom_id. */
  modalSubmit(spec: ModalSubmitSpec): Record<string, unknown> & { id: string; token: string };
  /** A channel's messages now, oldest first, edits applied. */
  messages(channelId: string): APIMessage[];
  channel(channelId: string): APIChannel | undefined;
  /** The DM channel between the bot and a user (made on first use), for DM messages and interactions. */
  dmChannel(userId: string): APIChannel;
  /** The thread started from a message, if any. */
  threadOf(messageId: string): APIChannel | undefined;
  /** Emoji the bot has on a message. */
  reactionsOn(channelId: string, messageId: string): string[];
  /** Registered slash commands: global, or a guild's. */
  commands(guildId?: string): RegisteredCommand[];
  interaction(id: string): InteractionState | undefined;
  /** From now on every callback to this interaction answers 10062, as when the 3 s have passed. */
  expireInteraction(id: string): void;
  /**
   * The bot's permissions in a guild from now on, whatever its roles say (e.g. without
   * CreatePublicThreads → 403 50013). Interactions' `app_permissions` follow.
   */
  setBotPermissions(guildId: string, permissions: bigint): void;
  close(): Promise<void>;
}

/**
 * An in-process Discord: REST (`/api/v10`) on one local port and the gateway (v10, JSON) on another.
 * The real discord.js Client logs in with `rest: { api: apiUrl }`, finds the gateway through
 * `GET /gateway/bot`, and gets READY, GUILD_CREATE and whatever tests dispatch. Answers in Discord's
 * shapes and error bodies (`{ message, code }`), keeps channels, threads and messages, and records
 * every REST call.
 */
export async function startDiscordStandIn(options: DiscordStandInOptions = {}): Promise<DiscordStandIn> {
  const now = options.now ?? Date.now;
  const token = options.token ?? "stand-in-bot-token";
  const botUser = options.botUser ?? { id: standardIds.bot, username: "Sabio" };
  const world = new DiscordWorld({
    botUser: { ...botUser, bot: true },
    applicationId: botUser.id,
    token,
    nextId: createSnowflakes(now),
    now,
  });
  for (const user of options.users ?? standardUsers) world.users.set(user.id, user);
  for (const guild of options.guilds ?? [standardGuild]) addGuild(world, guild);

  const gateway = await startGateway({
    world,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    disallowedIntents: options.disallowedIntents ?? 0,
  });
  const routes: RouteDefinition[] = [
    ...identityRoutes(() => gateway.url),
    ...messageRoutes(),
    ...threadRoutes(),
    ...interactionRoutes(),
    ...commandRoutes(),
  ];
  const log = createSignalLog<DiscordCall>((call) => [call.route, call.template]);
  const faults = createFaultQueue();

  const rest = await startRestServer({
    world,
    routes,
    log,
    faults,
    interactionWindowMs: options.interactionWindowMs ?? 3_000,
    emit: (type, data) => gateway.dispatch(type, data),
    ...(options.rateLimits ? { rateLimiter: createRateLimiter() } : {}),
  });

  const withInteraction = <T extends Record<string, unknown>>(payload: T) =>
    payload as T & { id: string; token: string };
  const lastModalLayout = (customId: string): "label" | "actionRow" => {
    const shown = log
      .matching("interactionCallback")
      .map(
        (call) =>
          call.body as { type?: number; data?: { custom_id?: string; components?: { type?: number }[] } },
      )
      .filter((body) => body.type === 9 && body.data?.custom_id === customId)
      .at(-1);
    return shown?.data?.components?.[0]?.type === 1 ? "actionRow" : "label";
  };

  return {
    apiUrl: rest.apiUrl,
    gatewayUrl: gateway.url,
    token,
    botUserId: world.botUser.id,
    applicationId: world.applicationId,
    calls: log.entries,
    callsTo: log.matching,
    waitFor: log.waitFor,
    failNext: (route, fault, times = 1) => faults.add(route, fault, times),
    gatewayLog: gateway.log.entries,
    waitForGateway: gateway.log.waitFor,
    sessions: gateway.sessions,
    dispatch(type, data) {
      if (type === "MESSAGE_CREATE") storeDispatchedMessage(world, data);
      if (type === "INTERACTION_CREATE") registerInteraction(world, data);
      gateway.dispatch(type, data);
    },
    dropConnections: gateway.dropConnections,
    invalidateSessions: gateway.invalidateSessions,
    userMessage: (spec) => userMessage(world, spec),
    mentionMessage: (spec) => mentionMessage(world, spec),
    slashCommand: (spec) => withInteraction(slashCommand(world, spec)),
    buttonClick: (spec) => withInteraction(buttonClick(world, spec)),
    modalSubmit: (spec) =>
      withInteraction(modalSubmit(world, { layout: lastModalLayout(spec.customId), ...spec })),
    messages: (channelId) =>
      structuredClone((world.messagesByChannel.get(channelId) ?? []).map((stored) => stored.message)),
    channel: (channelId) => structuredClone(world.channels.get(channelId)),
    dmChannel: (userId) => structuredClone(world.dmChannelWith(userId)),
    threadOf(messageId) {
      const threadId = world.threadOfMessage.get(messageId);
      return threadId ? structuredClone(world.channels.get(threadId)) : undefined;
    },
    reactionsOn: (channelId, messageId) => [
      ...(world.reactions.get(reactionKey(channelId, messageId)) ?? []),
    ],
    commands: (guildId) =>
      structuredClone(guildId ? (world.guildCommands.get(guildId) ?? []) : world.globalCommands),
    interaction: (id) => world.interactions.get(id),
    expireInteraction(id) {
      const interaction = world.interactions.get(id);
      if (!interaction) throw new Error(`No interaction ${id}`);
      interaction.expired = true;
    },
    setBotPermissions(guildId, permissions) {
      const guild = world.guilds.get(guildId);
      if (!guild) throw new Error(`No guild ${guildId}`);
      guild.botPermissions = permissions;
    },
    async close() {
      await gateway.close();
      await rest.close();
    },
  };
}
