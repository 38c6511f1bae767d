import { MessageFlags } from "discord.js";
import { describe, expect, it } from "vitest";
import type { CitedSource, Reply } from "#shared/platform/platform.ts";
import { answerButtons } from "../interact/answer-buttons.ts";
import { fenceSpans } from "./fence-spans.ts";
import { renderDiscordAnswer } from "./render-discord-answer.ts";

function reply(overrides: Partial<Reply> = {}): Reply {
  return {
    text: "You get 25 vacation days [1].",
    mode: "generated",
    model: "qwen3:8b",
    sources: [],
    ...overrides,
  };
}

function source(n: number, title: string, url = `https://wiki.example.com/page-${n}`): CitedSource {
  return { n, title, url, documentId: `doc-${n}` };
}

/** Would Discord show a mention or ping for this? */
const canPing = (text: string) => /@(?:everyone|here)/i.test(text) || /<(?:@[!&]?|#)\d+>/.test(text);

function longAnswer(paragraphs: number): string {
  return Array.from(
    { length: paragraphs },
    (_, index) =>
      `Paragraph ${index} says what to do [${(index % 3) + 1}]. ${"It adds plain detail. ".repeat(20)}`,
  ).join("\n\n");
}

const approved: Reply["review"] = {
  approvedBy: { platform: "discord", userId: "42" },
  feedback: { up: 2, down: 1 },
};

describe("renderDiscordAnswer", () => {
  it("sends a short answer as one message with its sources, embeds suppressed", () => {
    const parts = renderDiscordAnswer(
      reply({ sources: [source(2, "Expenses"), source(1, "Time off")] }),
      "q-1",
    );
    expect(parts).toEqual([
      {
        content: [
          "You get 25 vacation days [1].",
          "",
          "**Sources**",
          "[1] [Time off](<https://wiki.example.com/page-1>)",
          "[2] [Expenses](<https://wiki.example.com/page-2>)",
        ].join("\n"),
        components: [answerButtons("q-1")],
        flags: MessageFlags.SuppressEmbeds,
      },
    ]);
  });

  it("escapes titles so brackets, emphasis and backticks can't break the link", () => {
    const [part] = renderDiscordAnswer(reply({ sources: [source(1, "Guide [v2] *new* _draft_ `cli`")] }));
    expect(part?.content).toContain(
      "[1] [Guide \\[v2\\] \\*new\\* \\_draft\\_ \\`cli\\`](<https://wiki.example.com/page-1>)",
    );
  });

  it("shows a source without a web address as its plain title, a file path after it", () => {
    const [part] = renderDiscordAnswer(
      reply({ sources: [source(1, "Onboarding", ""), source(2, "Time off", "handbook/time-off.md")] }),
    );
    expect(part?.content).toMatch(/\[1\] Onboarding\n\[2\] Time off — handbook\/time-off\.md$/);
  });

  it("shows an untitled page as its bare address, still without an embed", () => {
    const [part] = renderDiscordAnswer(reply({ sources: [source(1, " ", "https://wiki.example.com/x")] }));
    expect(part?.content).toMatch(/\n\[1\] <https:\/\/wiki\.example\.com\/x>$/);
  });

  it("keeps an address with spaces or parentheses inside the link", () => {
    const [part] = renderDiscordAnswer(
      reply({ sources: [source(1, "Foo", "https://en.example.org/wiki/Foo (bar)")] }),
    );
    expect(part?.content).toContain("[1] [Foo](<https://en.example.org/wiki/Foo%20%28bar%29>)");
  });

  it("defuses pings and mentions in the answer text and in source titles", () => {
    const text = "Tell @everyone and @here, ask <@123> or <@!456>, the <@&789> role, see <#1011>.";
    const [part] = renderDiscordAnswer(reply({ text, sources: [source(1, "Notes for @everyone <@99>")] }));
    const content = part?.content ?? "";
    expect(canPing(content)).toBe(false);
    expect(content).toContain("Tell @\u200Beveryone and @\u200Bhere, ask <@\u200B123> or <@!\u200B456>");
    expect(content).toContain("the <@&\u200B789> role, see <#\u200B1011>.");
    expect(content).toContain(
      "[1] [Notes for @\u200Beveryone <@\u200B99\\>](<https://wiki.example.com/page-1>)",
    );
  });

  it("makes headings Discord can't render bold lines and tables readable lines", () => {
    const text =
      "# Title\n### Step\n#### Detail\n###### Deepest ##\n\n| Plan | Price |\n|:--|--:|\n| Free | $0 |\n| Team | |";
    const [part] = renderDiscordAnswer(reply({ text }));
    expect(part?.content).toBe(
      "# Title\n### Step\n**Detail**\n**Deepest**\n\n**Plan · Price**\nFree · $0\nTeam · —",
    );
  });

  it("leaves headings and tables inside code blocks alone", () => {
    const text = "```md\n#### keep\n| a | b |\n|---|---|\n```";
    expect(renderDiscordAnswer(reply({ text }))[0]?.content).toBe(text);
  });

  it("adds the note and the extractive label as small lines", () => {
    const [part] = renderDiscordAnswer(
      reply({ mode: "extractive", note: "No model\nis configured for _this_ team." }),
    );
    expect(part?.content).toMatch(
      /\n-# 📄 Extractive answer: [^\n]+\n-# \*No model is configured for \\_this\\_ team\.\*$/,
    );
  });

  it("splits a long answer with the review line, the sources and the buttons on the last message only", () => {
    const sources = [source(1, "Time off"), source(2, "Expenses"), source(3, "Security")];
    const parts = renderDiscordAnswer(reply({ text: longAnswer(12), sources, review: approved }), "q-7");
    expect(parts.length).toBeGreaterThan(2);
    const last = parts.at(-1);
    for (const part of parts) {
      expect(part.content.length).toBeLessThanOrEqual(2_000);
      expect(part.flags).toBe(MessageFlags.SuppressEmbeds);
    }
    for (const part of parts.slice(0, -1)) {
      expect(part.components).toEqual([]);
      expect(part.content).not.toContain("Approved by");
      expect(part.content).not.toContain("**Sources**");
    }
    // Approved: only the votes are left under it, as in Slack.
    expect(last?.components).toEqual([answerButtons("q-7", { approved: true })]);
    expect(JSON.stringify(last?.components)).not.toContain("sabio:approve");
    expect(last?.content).toMatch(/\[3\] \[Security\]\(<[^>]+>\)\n✅ Approved by <@42> · 👍 2 · 👎 1$/);
    // Every paragraph arrives, in order.
    const shown = parts
      .map((part) => part.content)
      .join("\n")
      .match(/Paragraph \d+/g);
    expect(shown).toEqual(Array.from({ length: 12 }, (_, index) => `Paragraph ${index}`));
  });

  it("offers Approve and Correct & approve until someone approves", () => {
    const [part] = renderDiscordAnswer(reply({ text: "Short [1]." }), "q-8");
    const ids = part?.components[0]?.components.map((button) =>
      "custom_id" in button ? button.custom_id : "",
    );
    expect(ids).toEqual(["sabio:up:q-8", "sabio:down:q-8", "sabio:approve:q-8", "sabio:correct:q-8"]);
  });

  it("has no buttons without a question id", () => {
    const parts = renderDiscordAnswer(reply({ text: longAnswer(8), review: approved }));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.components).toEqual([]);
    expect(parts.at(-1)?.content).toMatch(/Approved by <@42>/);
  });

  it("splits the text earlier when the sources don't fit beside its end", () => {
    const text = "x ".repeat(950).trim(); // 1,899 characters: alone it fits one message
    const sources = Array.from({ length: 8 }, (_, index) =>
      source(index + 1, `A page with a long title ${index}`),
    );
    const parts = renderDiscordAnswer(reply({ text, sources }), "q-2");
    expect(parts).toHaveLength(2);
    for (const part of parts) expect(part.content.length).toBeLessThanOrEqual(2_000);
    expect(parts[1]?.content).toMatch(/^x x .*\n\n\*\*Sources\*\*\n\[1\] /s);
    expect(`${parts[0]?.content} ${parts[1]?.content}`.match(/\bx\b/g)).toHaveLength(950);
  });

  it("lists as many sources as fit and says how many more there are", () => {
    const sources = Array.from({ length: 60 }, (_, index) =>
      source(index + 1, `Page ${"title ".repeat(8)}${index}`),
    );
    const parts = renderDiscordAnswer(reply({ sources }), "q-3");
    expect(parts).toHaveLength(1);
    expect(parts[0]?.content.length).toBeLessThanOrEqual(2_000);
    expect(parts[0]?.content).toMatch(/\n\[1\] \[Page /);
    expect(parts[0]?.content).toMatch(/\n… and \d+ more$/);
  });

  it("keeps code blocks balanced in every message of a long answer with a long block", () => {
    const code = Array.from(
      { length: 160 },
      (_, index) => `echo "step ${index}" && run --flag ${index}`,
    ).join("\n");
    const text = `Run:\n\n\`\`\`bash\n${code}\n\`\`\`\n\n${longAnswer(3)}`;
    const parts = renderDiscordAnswer(reply({ text, sources: [source(1, "Runbook")] }), "q-4");
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) {
      expect(part.content.length).toBeLessThanOrEqual(2_000);
      expect(fenceSpans(part.content).every((span) => span.closed)).toBe(true);
      if (part.content.includes("echo")) expect(part.content).toContain("```bash\n");
    }
  });

  it("never sends an empty message", () => {
    const parts = renderDiscordAnswer(reply({ text: "  \n\n " }), "q-5");
    expect(parts).toHaveLength(1);
    expect(parts[0]?.content).toBe("_The answer is empty._");
    expect(parts[0]?.components).toEqual([answerButtons("q-5")]);
  });
});
