import { describe, expect, it } from "vitest";
import { documentPrompt, queryPrompt, usesEmbeddingGemmaPrompts } from "./embedding-prompts.ts";

describe("embedding prompts", () => {
  it("prefixes queries and passages for EmbeddingGemma, whatever the tag or namespace", () => {
    expect(queryPrompt("embeddinggemma", "vpn setup")).toBe("task: search result | query: vpn setup");
    expect(documentPrompt("embeddinggemma:300m", { title: "VPN", text: "Install the client." })).toBe(
      "title: VPN | text: Install the client.",
    );
    expect(usesEmbeddingGemmaPrompts("hf.co/unsloth/EmbeddingGemma-300m-GGUF:Q8_0")).toBe(true);
  });

  it('spells a missing title "none"', () => {
    expect(documentPrompt("embeddinggemma", { title: "  ", text: "Body." })).toBe(
      "title: none | text: Body.",
    );
  });

  it("gives other models the raw text", () => {
    expect(queryPrompt("nomic-embed-text", "vpn setup")).toBe("vpn setup");
    expect(documentPrompt("all-minilm", { title: "VPN", text: "Install the client." })).toBe(
      "Install the client.",
    );
  });
});
