import type { ChatInputCommandInteraction } from "discord.js";
import { errorMessage, isAppError } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { JobPayloadInput } from "#shared/queue/job-catalog.ts";
import type { DiscordInteractionDeps } from "../interact/discord-interaction-deps.ts";
import { interactionWorkspace } from "../interact/interaction-workspace.ts";
import { isLostInteraction } from "../interact/lost-interaction.ts";
import { replyPrivately } from "../interact/reply-privately.ts";
import { claimDiscordEvent, releaseDiscordEvent } from "../receive/discord-message-claim.ts";
import { askReplyTexts } from "./ask-reply-texts.ts";
import { maxAskQuestionLength } from "./discord-command-definitions.ts";

/**
 * `/ask question:`. The deferred reply goes first, before any Redis or database work: Discord
 * drops an interaction not answered within 3 s. Then the interaction is claimed once (two
 * processes on one token both receive it), its token kept in Redis for the worker (never in job
 * data), and the question enqueued; the answer worker edits the deferred reply in place.
 */
export async function handleAskCommand(
  interaction: ChatInputCommandInteraction,
  deps: DiscordInteractionDeps,
  log: Logger,
): Promise<void> {
  const text = (interaction.options.getString("question") ?? "").trim();
  if (text === "") return replyPrivately(interaction, askReplyTexts.empty);
  if (text.length > maxAskQuestionLength) {
    log.info({ length: text.length }, "/ask question too long");
    return replyPrivately(interaction, askReplyTexts.tooLong(text.length));
  }
  try {
    await interaction.deferReply();
  } catch (error) {
    // Too late, or another process on the token answered it first: that one enqueues.
    if (isLostInteraction(error)) {
      log.warn({ err: errorMessage(error) }, "/ask interaction lost before it was deferred");
      return;
    }
    throw error;
  }

  const keys = { keyPrefix: deps.keyPrefix };
  let claimed: boolean;
  try {
    claimed = await claimDiscordEvent(deps.redis, interaction.id, keys);
  } catch (error) {
    log.error({ err: errorMessage(error) }, "could not claim /ask; redis unavailable?");
    await tellUnavailable(interaction, log);
    return;
  }
  if (!claimed) {
    log.info("duplicate /ask delivery ignored");
    return;
  }
  try {
    await deps.interactionTokens.save(interaction.id, interaction.token);
    const workspaceId = await interactionWorkspace(interaction, deps.workspace);
    const payload: JobPayloadInput<"questions"> = {
      workspaceId,
      platform: "discord",
      eventId: interaction.id,
      interactionId: interaction.id,
      channelId: interaction.channelId,
      userId: interaction.user.id,
      ...(interaction.guildId ? { teamId: interaction.guildId } : {}),
      text,
      receivedAt: (deps.now?.() ?? new Date()).toISOString(),
    };
    const { jobId, duplicate } = await deps.producer.enqueue("questions", payload);
    log.info({ jobId, duplicate, workspaceId }, "/ask question enqueued");
  } catch (error) {
    log.error(
      { err: errorMessage(error), code: isAppError(error) ? error.code : undefined },
      "could not enqueue /ask question",
    );
    await releaseDiscordEvent(deps.redis, interaction.id, keys).catch(() => {});
    await tellUnavailable(interaction, log);
  }
}

async function tellUnavailable(interaction: ChatInputCommandInteraction, log: Logger): Promise<void> {
  await interaction
    .editReply({ content: askReplyTexts.unavailable, allowedMentions: { parse: [] } })
    .catch((error: unknown) => log.warn({ err: errorMessage(error) }, "could not say /ask failed"));
}
