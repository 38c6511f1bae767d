import { describe, expect, it } from "vitest";
import type { Reply } from "#shared/platform/platform.ts";
import { renderDiscordAnswer } from "./render-discord-answer.ts";

const notCovered: Reply = {
  text: "I couldn't find this in the team's documents, so I won't guess.",
  mode: "extractive",
  model: null,
  sources: [],
  notCovered: {
    related: [
      { n: 1, title: "Deploys [prod]", url: "https://wiki.example.com/deploys", documentId: "d1" },
      { n: 2, title: "Time off", url: "", documentId: "d2" },
    ],
  },
};

describe("a not-covered reply in Discord", () => {
  it("says so, then offers the related pages as links under 'Maybe related', without numbers, sources or the extractive label", () => {
    const [part, ...rest] = renderDiscordAnswer(notCovered, "q-1");
    expect(rest).toEqual([]);
    expect(part?.content).toBe(
      [
        "I couldn't find this in the team's documents, so I won't guess.",
        "",
        "**Maybe related:**",
        "- [Deploys \\[prod\\]](<https://wiki.example.com/deploys>)",
        "- Time off",
      ].join("\n"),
    );
  });

  it("still labels an ordinary extractive answer", () => {
    const { notCovered: _, ...extractive } = notCovered;
    expect(renderDiscordAnswer(extractive)[0]?.content).toContain("-# 📄 Extractive answer");
  });
});
