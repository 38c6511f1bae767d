import { citedNumbers } from "#workers/answer/cited-sources.ts";
import type { ChatTokenizer } from "./chat-tokenizer.ts";
import { renderExample, type TrainingExample } from "./training-example.ts";

/** A trimmed passage keeps at least this much text: less says nothing a title doesn't. */
const minPassageCharacters = 200;
/** buildPrompt shows at most this much of a passage (workers/answer/build-prompt.ts): trim from there. */
const shownCharacters = 2_400;

export type FittedExample =
  | { fits: true; example: TrainingExample; tokens: number; shortened: boolean }
  | { fits: false; reason: string };

/**
 * The example within `budget` tokens as the trainer counts them. MLX-LM cuts a long example from
 * the end, which would drop the answer, so the context is shortened instead, in this order: passages
 * the answer doesn't cite (a refusal keeps one), then the longest passages trimmed, then the oldest
 * history turns. The answer is never touched; an example that still doesn't fit is left out.
 */
export function fitTokenBudget(
  example: TrainingExample,
  tokenizer: ChatTokenizer,
  budget: number,
): FittedExample {
  const count = (candidate: TrainingExample) => tokenizer.countChat(renderExample(candidate));
  let tokens = count(example);
  if (tokens <= budget) return { fits: true, example, tokens, shortened: false };

  const bare = count({ ...example, passages: [], history: [] });
  if (bare > budget) {
    return {
      fits: false,
      reason: `answer over budget: the question and answer alone take ${bare} tokens (TRAIN_MAX_SEQ_TOKENS ${budget})`,
    };
  }

  const cited = new Set(example.kind === "refusal" ? [] : citedNumbers(example.answer));
  const keepAtLeast = example.kind === "refusal" ? 1 : 0;
  let current: TrainingExample = {
    ...example,
    passages: [...example.passages],
    history: [...example.history],
  };

  // 1. Passages the answer doesn't cite, lowest ranked (last) first.
  while (tokens > budget && current.passages.length > keepAtLeast) {
    const index = current.passages.findLastIndex((passage) => !cited.has(passage.servedNumber ?? -1));
    if (index < 0) break;
    current = { ...current, passages: current.passages.toSpliced(index, 1) };
    tokens = count(current);
  }

  // 2. The longest passage trimmed by about what is over (a token is 3+ characters), repeatedly.
  while (tokens > budget) {
    const longest = longestPassage(current);
    if (longest < 0) break;
    const passage = current.passages[longest];
    if (!passage) break;
    const shown = Math.min(passage.text.length, shownCharacters);
    const cut = Math.max((tokens - budget) * 3, Math.ceil(shown / 10));
    const length = Math.max(minPassageCharacters, shown - cut);
    const text = `${passage.text.slice(0, length).replace(/\s+\S*$/, "")}…`;
    current = { ...current, passages: current.passages.toSpliced(longest, 1, { ...passage, text }) };
    tokens = count(current);
  }

  // 3. The oldest turns of the thread.
  while (tokens > budget && current.history.length > 0) {
    current = { ...current, history: current.history.slice(1) };
    tokens = count(current);
  }

  if (tokens > budget) {
    return {
      fits: false,
      reason: `over budget: ${tokens} tokens after shortening the context (TRAIN_MAX_SEQ_TOKENS ${budget})`,
    };
  }
  return { fits: true, example: current, tokens, shortened: true };
}

/** Index of the longest passage that can still be trimmed, or -1. */
function longestPassage(example: TrainingExample): number {
  let best = -1;
  let bestLength = minPassageCharacters + 1;
  example.passages.forEach((passage, index) => {
    if (passage.text.length > bestLength) {
      best = index;
      bestLength = passage.text.length;
    }
  });
  return best;
}
