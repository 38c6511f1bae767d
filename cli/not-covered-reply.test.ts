import { describe, expect, it } from "vitest";
import type { Reply } from "#shared/platform/platform.ts";
import { notCoveredWithRelatedText } from "#workers/answer/relevance-gate.ts";
import { createCliPlatform } from "./cli-platform.ts";
import type { Output } from "./output.ts";

const notCovered: Reply = {
  text: notCoveredWithRelatedText,
  mode: "extractive",
  model: null,
  sources: [],
  notCovered: {
    related: [
      { n: 1, title: "Deploys", url: "handbook/deploys.md", documentId: "d1" },
      { n: 2, title: "Time off", url: "https://wiki.example.com/time-off", documentId: "d2" },
    ],
  },
};

function recordingOutput(): Output & { printed: string[]; notes: string[] } {
  const printed: string[] = [];
  const notes: string[] = [];
  return {
    printed,
    notes,
    out: (text) => printed.push(text),
    note: (text) => notes.push(text),
    write: (text) => printed.push(text),
  };
}

describe("a not-covered reply in the terminal", () => {
  it("lists the related pages under 'Maybe related', not as sources", async () => {
    const output = recordingOutput();
    await createCliPlatform(output, { json: false }).post({ workspaceId: "w" }, notCovered);
    const text = output.printed.join("\n");
    expect(text).toContain(notCoveredWithRelatedText);
    expect(text).toContain(
      "Maybe related:\n  - Deploys — handbook/deploys.md\n  - Time off — https://wiki.example.com/time-off",
    );
    expect(text).not.toContain("Sources:");
  });

  it("gives covered: false and the related pages in --json", async () => {
    const output = recordingOutput();
    await createCliPlatform(output, { json: true }).post({ workspaceId: "w" }, notCovered);
    expect(JSON.parse(output.printed.join(""))).toEqual({
      answer: notCoveredWithRelatedText,
      mode: "extractive",
      model: null,
      sources: [],
      covered: false,
      related: [
        { title: "Deploys", url: "handbook/deploys.md" },
        { title: "Time off", url: "https://wiki.example.com/time-off" },
      ],
    });
  });

  it("prints the not-covered reply after streamed model text, saying that text doesn't count", async () => {
    const output = recordingOutput();
    const stream = await createCliPlatform(output, { json: false }).stream(
      { workspaceId: "w" },
      { record: async () => {} },
    );
    await stream.append("Probably three weeks.");
    await stream.finish({ ...notCovered, mode: "generated", model: "gemma4:e4b" });
    const text = output.printed.join("");
    expect(text.indexOf(notCoveredWithRelatedText)).toBeGreaterThan(text.indexOf("Probably three weeks."));
    expect(output.notes.join("\n")).toContain("cited none of the documents");
  });
});
