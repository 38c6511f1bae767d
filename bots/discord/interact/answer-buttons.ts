import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from "discord.js";
import { type AnswerAction, answerCustomId } from "../answer-custom-ids.ts";

/** 👍, 👎, Approve, Correct & approve under an answer (and under each `/sabio pending` item). */
export function answerButtons(questionId: string): APIActionRowComponent<APIButtonComponent> {
  const button = (
    action: AnswerAction,
    label: string,
    style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success,
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
      button("approve", "Approve", ButtonStyle.Success),
      button("correct", "Correct & approve", ButtonStyle.Primary),
    ],
  };
}
