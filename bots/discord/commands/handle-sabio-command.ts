import { type ChatInputCommandInteraction, MessageFlags } from "discord.js";
import { billingOff } from "#shared/billing/billing-service.ts";
import { billingSummaryText } from "#shared/billing/billing-summary-text.ts";
import { countSeats } from "#shared/billing/seats/count-seats.ts";
import { workspaceStats } from "#shared/db/workspace-stats.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { approverContextOf } from "../interact/approver-context-of.ts";
import { isDiscordApprover } from "../interact/discord-approvers.ts";
import type { DiscordInteractionDeps } from "../interact/discord-interaction-deps.ts";
import { interactionWorkspace } from "../interact/interaction-workspace.ts";
import { replyPrivately } from "../interact/reply-privately.ts";
import { connectDriveText } from "./connect-drive-text.ts";
import { type ConnectSourceTexts, connectSourceReply } from "./connect-notion-reply.ts";
import { connectNotionText } from "./connect-notion-text.ts";
import { pendingReplies } from "./pending-replies.ts";
import { queueDepthWithin } from "./queue-depth-within.ts";
import { sabioCommandTexts } from "./sabio-command-texts.ts";
import { sabioHelpText } from "./sabio-help-text.ts";
import { statusText } from "./status-text.ts";

const week = 7 * 24 * 60 * 60 * 1000;
const noPings = { parse: [] };
const ephemeral = { flags: MessageFlags.Ephemeral } as const;
// Angle brackets keep Discord from unfurling the link.
const markdown = {
  link: (url: string, label: string) => `[${label}](<${url}>)`,
  bold: (text: string) => `**${text}**`,
};

/**
 * `/sabio help | status | pending | connect notion | connect drive | billing`, all ephemeral. Fixed texts are the first
 * response; anything that reads the database or Redis defers first (3 s rule). Admin subcommands
 * are checked here, from the payload's permissions and roles: the command itself stays visible
 * to everyone, since default member permissions would hide help and status too.
 */
export async function handleSabioCommand(
  interaction: ChatInputCommandInteraction,
  deps: DiscordInteractionDeps,
  log: Logger,
): Promise<void> {
  const group = interaction.options.getSubcommandGroup(false);
  const subcommand = interaction.options.getSubcommand(false);
  const name = group ? `${group} ${subcommand}` : subcommand;
  const isAdmin = () =>
    isDiscordApprover(
      { platform: "discord", userId: interaction.user.id },
      approverContextOf(interaction),
      deps.approvers,
    );
  const now = () => deps.now?.() ?? new Date();

  switch (name) {
    case "help":
      return replyPrivately(interaction, sabioHelpText);
    case "status":
      await interaction.deferReply(ephemeral);
      return answer(interaction, log, "status", sabioCommandTexts.statusFailed, async () => {
        const workspaceId = await interactionWorkspace(interaction, deps.workspace);
        const [stats, queueDepth] = await Promise.all([
          workspaceStats(deps.database, workspaceId, { since: new Date(now().getTime() - week) }),
          queueDepthWithin(deps.queueDepth, deps.queueTimeoutMs ?? 2_000, log),
        ]);
        await interaction.editReply({
          content: statusText({ workspaceId, stats, queueDepth }),
          allowedMentions: noPings,
        });
      });
    case "pending":
      if (!isAdmin()) return replyPrivately(interaction, sabioCommandTexts.notApprover);
      await interaction.deferReply(ephemeral);
      return answer(interaction, log, "pending", sabioCommandTexts.pendingFailed, async () => {
        const workspaceId = await interactionWorkspace(interaction, deps.workspace);
        const [first, ...rest] = await pendingReplies(deps.database, workspaceId, (questionId) =>
          deps.review.reviewState(questionId),
        );
        if (first) await interaction.editReply({ ...first, allowedMentions: noPings });
        for (const part of rest)
          await interaction.followUp({ ...part, ...ephemeral, allowedMentions: noPings });
      });
    case "connect notion":
    case "connect drive": {
      const notion = name === "connect notion";
      const texts: ConnectSourceTexts = notion ? connectNotionText : connectDriveText;
      if (!isAdmin())
        return replyPrivately(interaction, connectSourceReply(texts, undefined, { isAdmin: false }));
      await interaction.deferReply(ephemeral);
      const failed = notion ? sabioCommandTexts.connectFailed : sabioCommandTexts.connectDriveFailed;
      return answer(interaction, log, name, failed, async () => {
        const workspaceId = await interactionWorkspace(interaction, deps.workspace);
        const text = connectSourceReply(texts, notion ? deps.notionConnectLink : deps.driveConnectLink, {
          userId: interaction.user.id,
          workspaceId,
          isAdmin: true,
          now: now(),
        });
        await interaction.editReply({ content: text, allowedMentions: noPings });
      });
    }
    case "billing":
      if (!isAdmin()) return replyPrivately(interaction, sabioCommandTexts.notApprover);
      await interaction.deferReply(ephemeral);
      return answer(interaction, log, "billing", sabioCommandTexts.billingFailed, async () => {
        const workspaceId = await interactionWorkspace(interaction, deps.workspace);
        const seats = await countSeats(deps.database, workspaceId, now());
        const summary = await (deps.billing ?? billingOff).summary(workspaceId, seats);
        await interaction.editReply({
          content: billingSummaryText(summary, markdown, now()),
          allowedMentions: noPings,
        });
      });
    default:
      return replyPrivately(interaction, `${sabioCommandTexts.unknown}\n\n${sabioHelpText}`);
  }
}

/** Runs a deferred subcommand's slow part; a failure becomes a short line, never silence. */
async function answer(
  interaction: ChatInputCommandInteraction,
  log: Logger,
  name: string,
  failedText: string,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    log.error({ err: errorMessage(error), subcommand: name }, "/sabio subcommand failed");
    await interaction
      .editReply({ content: failedText, allowedMentions: noPings })
      .catch((editError: unknown) => log.warn({ err: errorMessage(editError) }, "could not send the error"));
  }
}
