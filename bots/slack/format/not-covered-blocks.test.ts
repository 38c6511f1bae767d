import type { ContextBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { Reply } from "#shared/platform/platform.ts";
import { answerBlocks } from "./answer-blocks.ts";

const notCovered: Reply = {
  text: "I couldn't find this in the team's documents, so I won't guess.",
  mode: "extractive",
  model: null,
  sources: [],
  notCovered: {
    related: [
      { n: 1, title: "Deploys", url: "https://wiki.example.com/deploys", documentId: "d1" },
      { n: 2, title: "Time off", url: "handbook/time-off.md", documentId: "d2" },
    ],
  },
};

const contextTexts = (reply: Reply) =>
  answerBlocks(reply)
    .flatMap((message) => message.blocks)
    .filter((block): block is ContextBlock => block.type === "context")
    .flatMap((block) => block.elements.map((element) => ("text" in element ? element.text : "")));

describe("a not-covered reply in Slack", () => {
  it("offers the related pages as links under 'Maybe related', without citation numbers or the extractive label", () => {
    const texts = contextTexts(notCovered);
    expect(texts).toContain(
      "Maybe related: <https://wiki.example.com/deploys|Deploys> · Time off — handbook/time-off.md",
    );
    expect(texts.join("\n")).not.toContain("Sources:");
    expect(texts.join("\n")).not.toContain("Extractive answer");
  });

  it("still labels an ordinary extractive answer", () => {
    const { notCovered: _, ...extractive } = notCovered;
    expect(contextTexts(extractive).join("\n")).toContain("Extractive answer");
  });
});
