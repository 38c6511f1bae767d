import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle } from "discord.js";
import { answerCustomId, correctionTextInputId } from "../answer-custom-ids.ts";

// A text input holds at most 4,000 characters; a label's description 100.
const maxInputLength = 4_000;
const maxDescription = 100;

/**
 * The "Correct & approve" form, ready to edit. `current` is undefined when the answer could not
 * be read in time for Discord's 3 s: the field then starts empty and says so.
 */
export function correctionModal(
  questionId: string,
  current: { question: string; text: string } | undefined,
): ModalBuilder {
  const input = new TextInputBuilder()
    .setCustomId(correctionTextInputId)
    .setStyle(TextInputStyle.Paragraph)
    .setRequired(true)
    .setMaxLength(maxInputLength);
  if (current) input.setValue(current.text.slice(0, maxInputLength));
  else input.setPlaceholder("Write the whole corrected answer; it replaces the current one.");
  const description = current
    ? oneLine(`Question: ${current.question}`)
    : "Keep citations like [1] where they still apply: the sources stay attached.";
  return new ModalBuilder()
    .setCustomId(answerCustomId("correct-modal", questionId))
    .setTitle("Correct & approve")
    .addLabelComponents(
      new LabelBuilder()
        .setLabel("Corrected answer")
        .setDescription(description)
        .setTextInputComponent(input),
    );
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > maxDescription ? `${flat.slice(0, maxDescription - 1)}…` : flat;
}
