import type { ViewOutput } from "@slack/bolt";
import type { KnownBlock, ModalView } from "@slack/types";
import { type CorrectionTarget, encodeCorrectionTarget } from "./correction-target.ts";

export const correctionModalCallbackId = "sabio_correct_modal";
export const correctionBlockId = "sabio_correction";
const correctionInputId = "text";

// Slack's plain_text_input holds at most 3,000 characters.
const maxInputLength = 3_000;

/** The "Correct & approve" modal: the current answer text, ready to edit. */
export function correctionModal(target: CorrectionTarget, question: string, currentText: string): ModalView {
  const tooLong = currentText.length > maxInputLength;
  const blocks: KnownBlock[] = [
    {
      type: "context",
      elements: [{ type: "plain_text", text: `Question: ${question.slice(0, 280)}`, emoji: false }],
    },
    {
      type: "input",
      block_id: correctionBlockId,
      label: { type: "plain_text", text: "Corrected answer" },
      hint: {
        type: "plain_text",
        text: tooLong
          ? `Only the first ${maxInputLength} characters fit here; what you submit replaces the whole answer.`
          : "Keep citations like [1] where they still apply: the sources stay attached.",
      },
      element: {
        type: "plain_text_input",
        action_id: correctionInputId,
        multiline: true,
        max_length: maxInputLength,
        initial_value: currentText.slice(0, maxInputLength),
      },
    },
  ];
  return {
    type: "modal",
    callback_id: correctionModalCallbackId,
    private_metadata: encodeCorrectionTarget(target),
    title: { type: "plain_text", text: "Correct & approve" },
    submit: { type: "plain_text", text: "Approve" },
    close: { type: "plain_text", text: "Cancel" },
    blocks,
  };
}

/** The submitted text, trimmed ("" when the field was emptied). */
export function submittedCorrection(view: ViewOutput): string {
  return view.state.values[correctionBlockId]?.[correctionInputId]?.value?.trim() ?? "";
}
