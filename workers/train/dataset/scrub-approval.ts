import { type ScrubCounts, scrubText } from "./scrub-text.ts";
import type { UsableApproval } from "./usable-approval.ts";

/**
 * The approval with every field that reaches a training file scrubbed: system text, question and
 * what was searched, history, each passage's title and text, and the approved answer.
 */
export function scrubApproval(approval: UsableApproval, counts: ScrubCounts): UsableApproval {
  const scrub = (text: string) => scrubText(text, counts);
  const { served } = approval;
  return {
    ...approval,
    answer: scrub(approval.answer),
    served: {
      ...served,
      system: scrub(served.system),
      question: scrub(served.question),
      searchQuery: scrub(served.searchQuery),
      history: served.history.map((turn) => ({ ...turn, text: scrub(turn.text) })),
      passages: served.passages.map((passage) => ({
        ...passage,
        title: scrub(passage.title),
        text: scrub(passage.text),
      })),
    },
  };
}
