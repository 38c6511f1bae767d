import type { APIMessage, MessageFlags } from "discord.js";
import { MessageFlags as Flags, InteractionResponseType, InteractionType, MessageType } from "discord.js";
import { DiscordApiError, discordErrors } from "./discord-api-error.ts";
import type { DiscordWorld, InteractionState, StoredMessage } from "./discord-world.ts";
import { applyEdit, buildMessage, checkMessageBody, type MessageBody } from "./message-factory.ts";
import { noContent, ok, type RouteContext, type RouteDefinition } from "./rest-route.ts";

/** Interaction tokens stay valid for webhook edits and follow-ups this long after the interaction. */
const tokenLifetimeMs = 15 * 60 * 1000;

function interactionMessage(
  world: DiscordWorld,
  interaction: InteractionState,
  data: MessageBody,
  flags: number,
): StoredMessage {
  const message = buildMessage(
    world,
    interaction.channelId,
    { ...data, flags },
    {
      type:
        interaction.type === InteractionType.ApplicationCommand
          ? MessageType.ChatInputCommand
          : MessageType.Default,
      webhook_id: interaction.applicationId,
      application_id: interaction.applicationId,
      interaction_metadata: {
        id: interaction.id,
        type: interaction.type,
        user: world.userJson(interaction.userId),
        authorizing_integration_owners: {},
      } as NonNullable<APIMessage["interaction_metadata"]>,
    },
  );
  // Ephemeral and loading flags are Discord's to set here, on top of what the bot may set.
  message.flags = ((message.flags ?? 0) | (flags & (Flags.Ephemeral | Flags.Loading))) as MessageFlags;
  return world.storeMessage(message, interaction.guildId);
}

function isEphemeral(message: APIMessage): boolean {
  return ((message.flags ?? 0) & Flags.Ephemeral) !== 0;
}

/** The interaction a webhook token belongs to, or Discord's 404 10015 / 401 50027. */
function interactionOfToken({ world, params }: RouteContext): InteractionState {
  const interaction = [...world.interactions.values()].find(
    (candidate) => candidate.token === params.token && candidate.applicationId === params.application_id,
  );
  if (!interaction) throw discordErrors.unknownWebhook();
  if (world.now() - interaction.createdAt > tokenLifetimeMs)
    throw new DiscordApiError(401, 50027, "Invalid Webhook Token");
  return interaction;
}

function webhookMessage(context: RouteContext, interaction: InteractionState): StoredMessage {
  const { world, params } = context;
  const id = params.message_id === "@original" ? interaction.originalMessageId : params.message_id;
  const stored = id ? world.findMessage(interaction.channelId, id) : undefined;
  // A component's @original (after deferUpdate/update) is the message the button is on, which the
  // bot may have posted itself rather than through an interaction.
  const componentSource =
    params.message_id === "@original" &&
    id === interaction.sourceMessageId &&
    stored?.message.author.id === world.botUser.id;
  if (!stored || (stored.message.application_id !== interaction.applicationId && !componentSource))
    throw discordErrors.unknownMessage();
  return stored;
}

function callback(context: RouteContext) {
  const { world, params, body, query, emit } = context;
  const interaction = world.interactions.get(params.interaction_id ?? "");
  if (!interaction || interaction.token !== params.token) throw discordErrors.unknownInteraction();
  if (interaction.expired || world.now() - interaction.createdAt > context.interactionWindowMs) {
    throw discordErrors.unknownInteraction();
  }
  if (interaction.respondedWith !== undefined) throw discordErrors.alreadyAcknowledged();
  const type = Number(body.type);
  const data = (body.data ?? {}) as MessageBody & Record<string, unknown>;
  const fromComponent =
    interaction.type === InteractionType.MessageComponent || interaction.type === InteractionType.ModalSubmit;
  const source = interaction.sourceMessageId
    ? world.findMessage(interaction.channelId, interaction.sourceMessageId)
    : undefined;
  let message: StoredMessage | undefined;
  switch (type) {
    case InteractionResponseType.ChannelMessageWithSource:
      checkMessageBody(data, { creating: true });
      message = interactionMessage(world, interaction, data, data.flags ?? 0);
      break;
    case InteractionResponseType.DeferredChannelMessageWithSource:
      message = interactionMessage(
        world,
        interaction,
        {},
        ((data.flags ?? 0) & Flags.Ephemeral) | Flags.Loading,
      );
      break;
    case InteractionResponseType.DeferredMessageUpdate:
    case InteractionResponseType.UpdateMessage:
      if (!fromComponent || !source) {
        throw discordErrors.invalidForm(
          "type",
          "INTERACTION_RESPONSE_TYPE_INVALID",
          "Interaction response type is invalid for this interaction",
        );
      }
      if (type === InteractionResponseType.UpdateMessage) {
        checkMessageBody(data, { creating: false });
        applyEdit(world, source.message, data);
        if (!isEphemeral(source.message)) emit("MESSAGE_UPDATE", world.messageDispatch(source));
      }
      message = source;
      break;
    case InteractionResponseType.Modal:
      if (interaction.type === InteractionType.ModalSubmit) {
        throw discordErrors.invalidForm(
          "type",
          "INTERACTION_RESPONSE_TYPE_INVALID",
          "Interaction response type is invalid for this interaction",
        );
      }
      if (
        typeof data.custom_id !== "string" ||
        typeof data.title !== "string" ||
        !Array.isArray(data.components)
      ) {
        throw discordErrors.invalidForm(
          "data",
          "BASE_TYPE_REQUIRED",
          "A modal needs custom_id, title and components.",
        );
      }
      break;
    case InteractionResponseType.ApplicationCommandAutocompleteResult:
      break;
    default:
      throw discordErrors.invalidForm(
        "type",
        "BASE_TYPE_CHOICES",
        `Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.`,
      );
  }
  interaction.respondedWith = type;
  if (message) interaction.originalMessageId = message.message.id;
  if (message && message !== source && !isEphemeral(message.message)) {
    emit("MESSAGE_CREATE", world.messageDispatch(message));
  }
  if (query.get("with_response") !== "true") return noContent;
  return ok({
    interaction: {
      id: interaction.id,
      type: interaction.type,
      ...(message
        ? {
            response_message_id: message.message.id,
            response_message_loading: ((message.message.flags ?? 0) & Flags.Loading) !== 0,
            response_message_ephemeral: isEphemeral(message.message),
          }
        : {}),
    },
    resource: { type, ...(message ? { message: message.message } : {}) },
  });
}

/** Interaction callbacks (the 3-second first response) and the webhook routes that edit and follow up. */
export function interactionRoutes(): RouteDefinition[] {
  return [
    {
      name: "interactionCallback",
      method: "POST",
      pattern: "/interactions/:interaction_id/:token/callback",
      auth: false,
      handle: callback,
    },
    {
      name: "getWebhookMessage",
      method: "GET",
      pattern: "/webhooks/:application_id/:token/messages/:message_id",
      auth: false,
      handle: (context) => ok(webhookMessage(context, interactionOfToken(context)).message),
    },
    {
      name: "editWebhookMessage",
      method: "PATCH",
      pattern: "/webhooks/:application_id/:token/messages/:message_id",
      auth: false,
      handle: (context) => {
        const stored = webhookMessage(context, interactionOfToken(context));
        const body = context.body as MessageBody;
        checkMessageBody(body, { creating: false });
        applyEdit(context.world, stored.message, body);
        if (!isEphemeral(stored.message))
          context.emit("MESSAGE_UPDATE", context.world.messageDispatch(stored));
        return ok(stored.message);
      },
    },
    {
      name: "deleteWebhookMessage",
      method: "DELETE",
      pattern: "/webhooks/:application_id/:token/messages/:message_id",
      auth: false,
      handle: (context) => {
        const stored = webhookMessage(context, interactionOfToken(context));
        const list = context.world.messagesByChannel.get(stored.message.channel_id) ?? [];
        list.splice(list.indexOf(stored), 1);
        return noContent;
      },
    },
    {
      name: "createFollowup",
      method: "POST",
      pattern: "/webhooks/:application_id/:token",
      auth: false,
      handle: (context) => {
        const interaction = interactionOfToken(context);
        // Follow-ups exist only once the interaction has had its first response.
        if (interaction.respondedWith === undefined) throw discordErrors.unknownWebhook();
        const body = context.body as MessageBody;
        checkMessageBody(body, { creating: true });
        const stored = interactionMessage(context.world, interaction, body, body.flags ?? 0);
        if (!isEphemeral(stored.message))
          context.emit("MESSAGE_CREATE", context.world.messageDispatch(stored));
        return context.query.get("wait") === "false" ? noContent : ok(stored.message);
      },
    },
  ];
}
