import { describe, expect, it } from "vitest";
import { renderDiscordDraft } from "./render-discord-draft.ts";

describe("renderDiscordDraft", () => {
  it("shows the text so far as Discord Markdown", () => {
    expect(renderDiscordDraft("You get **25 days**.\n\n#### Details\nAsk HR")).toBe(
      "You get **25 days**.\n\n**Details**\nAsk HR",
    );
  });

  it("closes a code block still being written so it renders", () => {
    expect(renderDiscordDraft("Run:\n```sh\nnpm install\nnpm run")).toBe(
      "Run:\n```sh\nnpm install\nnpm run\n```",
    );
  });

  it("holds back a code block whose opening line isn't finished or has no code yet", () => {
    expect(renderDiscordDraft("Run:\n```pyth")).toBe("Run:");
    expect(renderDiscordDraft("Run:\n```python\n")).toBe("Run:");
  });

  it("leaves a finished code block as it is", () => {
    expect(renderDiscordDraft("```js\nx()\n```\nDone")).toBe("```js\nx()\n```\nDone");
  });

  it("doesn't show a half-typed mention or broadcast at the end", () => {
    expect(renderDiscordDraft("Ask <@12")).toBe("Ask");
    expect(renderDiscordDraft("Ask <@")).toBe("Ask");
    expect(renderDiscordDraft("Tell @every")).toBe("Tell");
    expect(renderDiscordDraft("Tell @")).toBe("Tell");
  });

  it("defuses whole mentions and broadcasts", () => {
    expect(renderDiscordDraft("Tell @everyone, ask <@123> in <#45>. Then")).toBe(
      "Tell @\u200Beveryone, ask <@\u200B123> in <#\u200B45>. Then",
    );
  });

  it("keeps a long draft to 2,000 characters: its start, ending in …", () => {
    const draft = renderDiscordDraft(`Start. ${"word ".repeat(600)}`);
    expect(draft.length).toBeLessThanOrEqual(2_000);
    expect(draft.length).toBeGreaterThan(1_900);
    expect(draft.startsWith("Start. word")).toBe(true);
    expect(draft.endsWith("…")).toBe(true);
  });

  it("closes the code block a long draft is cut in, within 2,000 characters", () => {
    const draft = renderDiscordDraft(`Code:\n\`\`\`ts\n${"const a = 1;\n".repeat(300)}`);
    expect(draft.length).toBeLessThanOrEqual(2_000);
    expect(draft.startsWith("Code:\n```ts\nconst a = 1;")).toBe(true);
    expect(draft.endsWith("…\n```")).toBe(true);
  });

  it("is never empty, which Discord would refuse", () => {
    expect(renderDiscordDraft("")).toBe("…");
    expect(renderDiscordDraft("@ever")).toBe("…");
  });
});
