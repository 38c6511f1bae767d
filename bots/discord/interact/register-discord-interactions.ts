import { type Client, Events, type Interaction, type RepliableInteraction } from "discord.js";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { parseAnswerCustomId } from "../answer-custom-ids.ts";
import { askCommandName, sabioCommandName } from "../commands/discord-command-definitions.ts";
import { handleAskCommand } from "../commands/handle-ask-command.ts";
import { handleSabioCommand } from "../commands/handle-sabio-command.ts";
import { clickReplies } from "./click-replies.ts";
import type { DiscordInteractionDeps } from "./discord-interaction-deps.ts";
import { handleApprove } from "./handle-approve.ts";
import { handleDrop } from "./handle-drop.ts";
import { handleVote } from "./handle-vote.ts";
import { isLostInteraction } from "./lost-interaction.ts";
import { openCorrection } from "./open-correction.ts";
import { replyPrivately } from "./reply-privately.ts";
import { submitCorrection } from "./submit-correction.ts";

export type { DiscordInteractionDeps } from "./discord-interaction-deps.ts";

export interface DiscordInteractions {
  /** Resolves once every interaction being handled has finished (shutdown, tests). */
  whenIdle(): Promise<void>;
}

/**
 * Slash commands (`/ask`, `/sabio …`), the answer buttons and the correction form. Every
 * interaction gets its first response within Discord's 3 s: a defer before any slow work, or the
 * modal itself. Who acted comes from the payload (signed by Discord, delivered over the gateway);
 * a button's question id is only a claim, checked against the clicker's workspace. A lost
 * interaction (10062, or 40060 when another process on the token answered first) is logged.
 */
export function registerDiscordInteractions(
  client: Client,
  deps: DiscordInteractionDeps,
): DiscordInteractions {
  const logger = deps.logger.child({ component: "discord-interactions" });
  const pending = new Set<Promise<unknown>>();

  client.on(Events.InteractionCreate, (interaction) => {
    const log = logger.child({ interactionId: interaction.id, userId: interaction.user.id });
    const work = route(interaction, log).catch(async (error: unknown) => {
      if (isLostInteraction(error)) {
        log.warn({ err: errorMessage(error) }, "discord interaction lost (answered too late or elsewhere)");
        return;
      }
      log.error({ err: errorMessage(error) }, "discord interaction failed");
      if (!interaction.isRepliable()) return;
      await tellFailed(interaction).catch((tellError: unknown) =>
        log.warn({ err: errorMessage(tellError) }, "could not tell the user the interaction failed"),
      );
    });
    pending.add(work);
    void work.finally(() => pending.delete(work));
  });

  async function route(interaction: Interaction, log: Logger): Promise<void> {
    if (interaction.isChatInputCommand()) {
      if (interaction.commandName === askCommandName) return handleAskCommand(interaction, deps, log);
      if (interaction.commandName === sabioCommandName) return handleSabioCommand(interaction, deps, log);
      log.debug({ command: interaction.commandName }, "unknown discord command ignored");
      return;
    }
    if (interaction.isButton()) {
      const parsed = parseAnswerCustomId(interaction.customId);
      if (!parsed) return;
      const { action, questionId } = parsed;
      log.debug({ action, questionId: questionId.slice(0, 64) }, "answer button");
      if (action === "up" || action === "down") return handleVote(interaction, questionId, action, deps);
      if (action === "approve") return handleApprove(interaction, questionId, deps);
      if (action === "correct") return openCorrection(interaction, questionId, deps, log);
      if (action === "drop") return handleDrop(interaction, questionId, deps);
      return;
    }
    if (interaction.isModalSubmit()) {
      const parsed = parseAnswerCustomId(interaction.customId);
      if (parsed?.action !== "correct-modal") return;
      return submitCorrection(interaction, parsed.questionId, deps);
    }
  }

  return {
    async whenIdle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

async function tellFailed(interaction: RepliableInteraction): Promise<void> {
  await replyPrivately(interaction, clickReplies.failed);
}
