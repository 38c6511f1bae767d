import {
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from "discord.js";
import { questionPayloadSchema } from "#shared/queue/job-catalog.ts";

/** The longest question the queue accepts; Discord enforces it in the `/ask` box itself. */
export const maxAskQuestionLength = questionPayloadSchema.shape.text.maxLength ?? 4000;

export const askCommandName = "ask";
export const sabioCommandName = "sabio";

/** In servers and in the bot's DMs; installed to servers only (not a user-installed app). */
const contexts = [InteractionContextType.Guild, InteractionContextType.BotDM];

/**
 * `/ask question:` and `/sabio help | status | pending | connect notion | connect drive`. No default member
 * permissions: they would hide all of `/sabio`; admin subcommands are checked when they run.
 */
export function discordCommandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const ask = new SlashCommandBuilder()
    .setName(askCommandName)
    .setDescription("Ask Sabio a question about your team's documents")
    .setContexts(contexts)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((option) =>
      option
        .setName("question")
        .setDescription("What do you want to know?")
        .setRequired(true)
        .setMaxLength(maxAskQuestionLength),
    );
  const sabio = new SlashCommandBuilder()
    .setName(sabioCommandName)
    .setDescription("Sabio: help, status, answers to review, connections")
    .setContexts(contexts)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addSubcommand((sub) => sub.setName("help").setDescription("How to ask Sabio, and its commands"))
    .addSubcommand((sub) =>
      sub.setName("status").setDescription("Knowledge sources, documents and questions waiting"),
    )
    .addSubcommand((sub) =>
      sub
        .setName("pending")
        .setDescription("Answers waiting for review and approvals gone stale (approvers)"),
    )
    .addSubcommandGroup((group) =>
      group
        .setName("connect")
        .setDescription("Connect a knowledge source (admins)")
        .addSubcommand((sub) =>
          sub.setName("notion").setDescription("Get a private link that connects a Notion workspace"),
        )
        .addSubcommand((sub) =>
          sub.setName("drive").setDescription("Get a private link that connects a Google account's Drive"),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName("billing")
        .setDescription("Subscription, seats and a link to subscribe or manage it (admins)"),
    );
  return [ask.toJSON(), sabio.toJSON()];
}
