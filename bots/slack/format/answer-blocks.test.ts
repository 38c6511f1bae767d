import type { ActionsBlock, ContextBlock, KnownBlock, SectionBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { CitedSource, Reply } from "#shared/platform/platform.ts";
import { answerActionIds, answerBlocks } from "./answer-blocks.ts";
import { markdownToMrkdwn } from "./markdown-to-mrkdwn.ts";
import { neutralizePings } from "./neutralize-pings.ts";

function reply(overrides: Partial<Reply> = {}): Reply {
  return {
    text: "You get 25 vacation days [1].",
    mode: "generated",
    model: "qwen3:8b",
    sources: [],
    ...overrides,
  };
}

function source(n: number, title: string, url: string): CitedSource {
  return { n, title, url, documentId: `doc-${n}` };
}

const sections = (blocks: KnownBlock[]) =>
  blocks.filter((block): block is SectionBlock => block.type === "section");
const contexts = (blocks: KnownBlock[]) =>
  blocks.filter((block): block is ContextBlock => block.type === "context");
const actions = (blocks: KnownBlock[]) =>
  blocks.find((block): block is ActionsBlock => block.type === "actions");
const contextText = (blocks: KnownBlock[]) =>
  contexts(blocks)
    .flatMap((block) => block.elements.map((element) => ("text" in element ? element.text : "")))
    .join("\n");
const blockText = (blocks: KnownBlock[]) =>
  sections(blocks)
    .map((block) => block.text?.text ?? "")
    .join("") + contextText(blocks);
const canPing = (text: string) =>
  /<[!@]/.test(text) || /(?<![\p{L}\p{N}_])@(?:channel|here|everyone)\b/iu.test(text);

/** A long answer with every kind of content, about `length` characters of Markdown. */
function longAnswer(length: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let n = 0; size < length; n++) {
    const part =
      n % 7 === 3
        ? `\`\`\`ts\n${Array.from({ length: 30 }, (_, line) => `const value${line} = compute(${line}) < limit && ok;`).join("\n")}\n\`\`\``
        : `## Part ${n}\n\n**Step ${n}** applies to _everyone_ on the team [${(n % 4) + 1}]. See [the handbook](https://example.com/handbook/${n}) & ask @here. ${"More detail follows in plain words. ".repeat(8)}`;
    parts.push(part);
    size += part.length + 2;
  }
  return parts.join("\n\n");
}

describe("answerBlocks", () => {
  it("puts a short answer in one section of one message, as verbatim mrkdwn", () => {
    const messages = answerBlocks(reply({ text: "**25 days** per year [1]." }), {});
    expect(messages).toHaveLength(1);
    const [section] = sections(messages[0]?.blocks ?? []);
    expect(section?.text).toEqual({
      type: "mrkdwn",
      text: "\u200B*25 days*\u200B per year [1].",
      verbatim: true,
    });
    expect(messages[0]?.text).toBe("25 days per year [1].");
  });

  it("defuses pings in the blocks and in the fallback text", () => {
    const text = "Hey <!channel> and @here: ask <@U0123ABC> or [<!everyone>](https://example.com).";
    const [message] = answerBlocks(reply({ text }), {});
    expect(canPing(blockText(message?.blocks ?? []))).toBe(false);
    expect(canPing(message?.text ?? "")).toBe(false);
    expect(blockText(message?.blocks ?? [])).toContain("<https://example.com|@\u200Beveryone>");
  });

  it("splits a 40,000-character answer into several messages under Slack's real limits", () => {
    const text = longAnswer(40_000);
    const sources = [1, 2, 3, 4].map((n) => source(n, `Handbook chapter ${n}`, `https://example.com/${n}`));
    const messages = answerBlocks(reply({ text, sources }), { questionId: "q-123" });
    expect(messages.length).toBeGreaterThan(3);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      expect(JSON.stringify(message.blocks).length).toBeLessThanOrEqual(10_000);
      expect(blockText(message.blocks).length).toBeLessThanOrEqual(11_000);
      for (const block of sections(message.blocks)) {
        const sectionText = block.text?.text ?? "";
        expect(sectionText.length).toBeLessThanOrEqual(3_000);
        expect(sectionText.split("```").length % 2).toBe(1); // code blocks close in their section
      }
      expect(message.text.length).toBeGreaterThan(0);
      expect(message.text.length).toBeLessThanOrEqual(300);
      expect(canPing(message.text)).toBe(false);
      expect(canPing(blockText(message.blocks))).toBe(false);
    }
    // Sources and buttons come once, at the very end.
    for (const message of messages.slice(0, -1)) {
      expect(contexts(message.blocks)).toEqual([]);
      expect(actions(message.blocks)).toBeUndefined();
    }
    const last = messages.at(-1)?.blocks ?? [];
    expect(contextText(last)).toContain("Sources:");
    expect(last.at(-1)?.type).toBe("actions");
    // Nothing of the answer is lost on the way.
    const all = messages.flatMap((message) =>
      sections(message.blocks).map((block) => block.text?.text ?? ""),
    );
    const strip = (value: string) => value.replaceAll("```", "").replace(/\s+/g, "");
    expect(strip(all.join(""))).toBe(strip(neutralizePings(markdownToMrkdwn(text))));
  });

  it("handles an answer of only emoji", () => {
    const [message] = answerBlocks(reply({ text: "👍🎉" }), {});
    expect(sections(message?.blocks ?? [])[0]?.text?.text).toBe("👍🎉");
    expect(message?.text).toBe("👍🎉");
  });

  it("still posts something for an empty answer", () => {
    const messages = answerBlocks(reply({ text: "  " }), {});
    expect(messages).toHaveLength(1);
    expect(sections(messages[0]?.blocks ?? [])[0]?.text?.text).toBe("_The answer is empty._");
    expect(messages[0]?.text).toBe("The answer is empty.");
  });

  it("lists web sources as links and local files as title and path", () => {
    const [message] = answerBlocks(
      reply({
        sources: [
          source(2, "Holidays <2026> & bridges", "handbook/holidays.md"),
          source(1, "Leave policy", "https://example.com/leave?x=1&y=a b"),
          source(3, "Ping @here", "http://intranet.local/ping"),
        ],
      }),
      {},
    );
    expect(contextText(message?.blocks ?? [])).toBe(
      "Sources: <https://example.com/leave?x=1&y=a%20b|[1] Leave policy>" +
        " · [2] Holidays &lt;2026&gt; &amp; bridges — handbook/holidays.md" +
        " · <http://intranet.local/ping|[3] Ping @\u200Bhere>",
    );
  });

  it("keeps a long source list within a context element", () => {
    const sources = Array.from({ length: 80 }, (_, n) =>
      source(n + 1, "A rather long title ".repeat(6), `https://example.com/${n}`),
    );
    const [message] = answerBlocks(reply({ sources }), {});
    const text = contextText(message?.blocks ?? []);
    expect(text.length).toBeLessThanOrEqual(3_000);
    expect(text).toMatch(/… \d+ more$/);
  });

  it("shows the note and labels extractive answers", () => {
    const [message] = answerBlocks(
      reply({ mode: "extractive", model: null, note: "The model server did not answer <@U1>." }),
      {},
    );
    const text = contextText(message?.blocks ?? []);
    expect(text).toContain("Extractive answer");
    expect(text).toContain("The model server did not answer");
    expect(canPing(text)).toBe(false);
    expect(answerBlocks(reply(), {})[0]?.blocks.some((block) => block.type === "context")).toBe(false);
  });

  it("adds feedback and review buttons carrying the question id", () => {
    const [message] = answerBlocks(reply(), { questionId: "q-42" });
    const block = actions(message?.blocks ?? []);
    expect(block?.elements.map((element) => ("action_id" in element ? element.action_id : ""))).toEqual([
      "sabio_feedback_up",
      "sabio_feedback_down",
      "sabio_approve",
      "sabio_correct",
    ]);
    for (const element of block?.elements ?? [])
      expect(element).toMatchObject({ type: "button", value: "q-42" });
    expect(block?.elements[2]).toMatchObject({ style: "primary", text: { text: "Approve" } });
    expect(block?.elements[3]).toMatchObject({ text: { text: "Correct & approve" } });
    expect(actions(answerBlocks(reply(), {})[0]?.blocks ?? [])).toBeUndefined();
  });

  it("replaces the review buttons with the approval once approved", () => {
    const [message] = answerBlocks(
      reply({
        review: {
          approvedBy: { platform: "slack", userId: "U0123ABC" },
          corrected: true,
          feedback: { up: 2, down: 1 },
        },
      }),
      { questionId: "q-42" },
    );
    const blocks = message?.blocks ?? [];
    expect(contextText(blocks)).toContain("✅ Approved by <@U0123ABC>");
    expect(contextText(blocks)).toContain("✏️ Corrected after review");
    expect(contextText(blocks)).toContain("👍 2 · 👎 1");
    expect(
      actions(blocks)?.elements.map((element) => ("action_id" in element ? element.action_id : "")),
    ).toEqual([answerActionIds.feedbackUp, answerActionIds.feedbackDown]);
  });

  it("never turns a malformed approver into a control sequence", () => {
    const [message] = answerBlocks(
      reply({ review: { approvedBy: { platform: "slack", userId: "!channel>" } } }),
      {},
    );
    expect(canPing(contextText(message?.blocks ?? []))).toBe(false);
  });

  it("names an approver from another platform as text, never as a Slack mention", () => {
    const [message] = answerBlocks(
      reply({ review: { approvedBy: { platform: "discord", userId: "U0123ABC" } } }),
      {},
    );
    const text = contextText(message?.blocks ?? []);
    expect(text).toContain("Approved by U0123ABC (discord)");
    expect(text).not.toContain("<@");
  });

  it("shows no tally while nobody has voted", () => {
    const [message] = answerBlocks(reply({ review: { feedback: { up: 0, down: 0 } } }), {});
    expect(contextText(message?.blocks ?? [])).not.toContain("👍 0");
  });

  it("exports the action ids the handlers listen for", () => {
    expect(answerActionIds).toEqual({
      feedbackUp: "sabio_feedback_up",
      feedbackDown: "sabio_feedback_down",
      approve: "sabio_approve",
      correct: "sabio_correct",
    });
  });
});
