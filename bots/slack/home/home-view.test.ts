import { describe, expect, it } from "vitest";
import { homeView } from "./home-view.ts";

const stats = {
  sources: Array.from({ length: 60 }, (_, index) => ({
    source: `source-${index}`,
    documents: index,
    lastIndexedAt: null,
  })),
  questionsSince: 1,
};

describe("home view", () => {
  it("stays within Slack's 100 blocks and 3,000 characters per section, however much there is", () => {
    const pending = Array.from({ length: 50 }, (_, index) => ({
      questionId: `q${index}`,
      question: "Why? ".repeat(200),
      answer: "Because. ".repeat(1_000),
      createdAt: new Date("2026-03-01T00:00:00Z"),
    }));
    const view = homeView({ stats, pending });

    expect(view.blocks.length).toBeLessThanOrEqual(100);
    for (const block of view.blocks) {
      if (block.type === "section" && "text" in block)
        expect(block.text?.text.length).toBeLessThanOrEqual(3_000);
    }
    expect(JSON.stringify(view)).toContain("…and 35 more sources");
    expect(JSON.stringify(view)).toContain("1 question asked");
  });

  it("keeps names and answers from forming mentions or links", () => {
    const view = homeView({
      stats: { sources: [{ source: "<!channel>", documents: 1, lastIndexedAt: null }], questionsSince: 0 },
      pending: [{ questionId: "q1", question: "<@U123> hi", answer: "<!here> look", createdAt: new Date() }],
      notice: "<!everyone>",
    });
    const shown = JSON.stringify(view);
    // Only Sabio's own date token may start with "<!".
    expect(shown).not.toMatch(/<(?!!date\^)[!@]/);
    expect(shown).toContain("&lt;!channel&gt;");
  });
});
