import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from "discord.js";
import { type AnswerAction, answerCustomId } from "../answer-custom-ids.ts";

/**
 * 👍, 👎 under an answer (and under each `/sabio pending` item), with Approve and Correct & approve
 * until someone approves it, as in Slack; a stale approval in `/sabio pending` also gets Drop. Who
 * may approve or drop is checked by the handler, not here.
 */
export function answerButtons(
  questionId: string,
  options: { approved: boolean; droppable?: boolean } = { approved: false },
): APIActionRowComponent<APIButtonComponent> {
  const button = (
    action: AnswerAction,
    label: string,
    style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger,
  ): APIButtonComponent => ({
    type: ComponentType.Button,
    custom_id: answerCustomId(action, questionId),
    label,
    style,
  });
  return {
    type: ComponentType.ActionRow,
    components: [
      button("up", "👍", ButtonStyle.Secondary),
      button("down", "👎", ButtonStyle.Secondary),
      ...(options.approved
        ? []
        : [
            button("approve", "Approve", ButtonStyle.Success),
            button("correct", "Correct & approve", ButtonStyle.Primary),
          ]),
      ...(options.droppable ? [button("drop", "Drop", ButtonStyle.Danger)] : []),
    ],
  };
}
