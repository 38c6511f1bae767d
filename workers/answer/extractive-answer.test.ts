import { describe, expect, it } from "vitest";
import type { ScoredChunk } from "#shared/knowledge/store/vector-store.ts";
import { sentencesOf } from "./extractive/split-sentences.ts";
import { extractiveAnswer, extractiveLabel } from "./extractive-answer.ts";

function passage(documentId: string, text: string, chunkIndex = 0, title = documentId): ScoredChunk {
  return {
    id: `${documentId}-${chunkIndex}`,
    documentId,
    source: "files",
    chunkIndex,
    title,
    url: `wiki/${documentId}.md`,
    text,
    score: 1,
  };
}

const leave = passage(
  "leave",
  [
    "Leave",
    "",
    "Our team cares about rest. Everyone gets 25 days of paid vacation a year. Vacation planning is encouraged for everyone.",
    "",
    "## How to request vacation",
    "",
    "1. Put the dates in the shared calendar.",
    "2. Ask your manager in the leave tool.",
  ].join("\n"),
);

describe("extractiveAnswer", () => {
  it("answers both asks of a two-part question, each sentence cited", () => {
    const { text, sources } = extractiveAnswer(
      "How many vacation days do we get, and how do I request them?",
      [leave],
    );
    expect(text.startsWith(extractiveLabel)).toBe(true);
    expect(text).toContain("Everyone gets 25 days of paid vacation a year. [1]");
    expect(text).toContain("Ask your manager in the leave tool.");
    expect(text).not.toContain("Our team cares about rest");
    expect(sources).toEqual([{ n: 1, title: "leave", url: "wiki/leave.md", documentId: "leave" }]);
  });

  it("quotes a fact present in two files once, and numbers sources per document", () => {
    const first = passage(
      "parental-a",
      "Parental leave\n\nYou are entitled to 12 weeks of paid parental leave. HR Links records it.",
    );
    const second = passage(
      "parental-b",
      "Benefits\n\nYou are entitled to 12 weeks of paid parental leave.\n\nFamily members are welcome.",
    );
    const { text, sources } = extractiveAnswer("How much paid parental leave do I get?", [first, second]);
    expect(text.match(/entitled to 12 weeks/g)).toHaveLength(1);
    expect(sources.map((source) => source.n)).toEqual(sources.map((_, index) => index + 1));
    expect(new Set(sources.map((source) => source.documentId)).size).toBe(sources.length);
  });

  it("quotes at most three documents, numbered in the order they are quoted", () => {
    const offices = ["north", "south", "east", "west"].map((name, index) =>
      passage(name, `${name}\n\nThe ${name} office opens at ${index + 7} o'clock for visitors.`),
    );
    const { text, sources } = extractiveAnswer(
      "When do the north, south, east and west offices open?",
      offices,
    );
    expect(sources.map((source) => source.n)).toEqual([1, 2, 3]);
    expect(text.match(/\[\d\]/g)?.every((mark) => ["[1]", "[2]", "[3]"].includes(mark))).toBe(true);
  });

  it("never repeats a near-duplicate sentence from chunks of one document", () => {
    const a = passage("hr", "HR\n\nFor HR questions, contact the People team at people@example.com.", 0);
    const b = passage(
      "hr",
      "HR › Contacts\n\nFor HR questions, contact the People team at people@example.com today.",
      1,
    );
    const { text } = extractiveAnswer("Who do I contact for HR questions?", [a, b]);
    expect(text.match(/contact the People team/g)).toHaveLength(1);
  });

  it("keeps a link with a query string whole", () => {
    const url = "https://drive.example.com/file/d/abc/view?usp=sharing&x=1";
    const chunk = passage(
      "forms",
      `Forms\n\nSubmit the leave form at [the form](${url}) before you go. Nothing else.`,
    );
    const { text } = extractiveAnswer("Where is the leave form?", [chunk]);
    expect(text).toContain(`[the form](${url})`);
    const bare = passage("bare", `Bare\n\nThe leave form is at ${url} and nowhere else.`);
    expect(extractiveAnswer("Where is the leave form?", [bare]).text).toContain(url);
  });

  it("falls back to the top passage's opening when no word of the question matches", () => {
    const { text, sources } = extractiveAnswer("zzz?", [leave]);
    expect(text).toContain("Our team cares about rest. [1]");
    expect(sources).toHaveLength(1);
  });

  it("cleans HTML out of the titles it cites", () => {
    const chunk = passage(
      "login",
      "Login\n\nLogging in needs a PIV card.",
      0,
      "Logging in &amp; <em>Networks</em>",
    );
    expect(extractiveAnswer("How do I log in?", [chunk]).sources[0]?.title).toBe("Logging in & Networks");
  });
});

describe("sentencesOf", () => {
  it("does not cut a sentence at an abbreviation", () => {
    expect(
      sentencesOf(
        "Solicita las vacaciones en la herramienta de RR. HH. con dos semanas de antelación. Tu responsable las aprueba.",
      ),
    ).toEqual([
      "Solicita las vacaciones en la herramienta de RR. HH. con dos semanas de antelación.",
      "Tu responsable las aprueba.",
    ]);
    expect(
      sentencesOf("Use a tool, e.g. Slack or email. Dr. Smith approves. It takes approx. two days."),
    ).toEqual(["Use a tool, e.g. Slack or email.", "Dr. Smith approves.", "It takes approx. two days."]);
    expect(sentencesOf("Trae material, p. ej. Un portátil. Listo.")).toEqual([
      "Trae material, p. ej. Un portátil.",
      "Listo.",
    ]);
  });

  it("never splits inside a URL", () => {
    expect(sentencesOf(`See [form](https://example.com/a/view?b=1) now. Done.`)).toEqual([
      "See [form](https://example.com/a/view?b=1) now.",
      "Done.",
    ]);
    expect(sentencesOf("Open https://example.com/view?id=1 today. Done.")[0]).toBe(
      "Open https://example.com/view?id=1 today.",
    );
  });

  it("leads with the top passage's best sentence and quotes the sentence after it", () => {
    const top = passage(
      "spirits",
      "Spirits\n\nA German law required every spirit to have a minimum alcohol content. The minimum was 25 %. Courts disagreed later.",
    );
    const other = passage(
      "other",
      "Other\n\nEvery German spirit law sets a minimum alcohol content for spirits.",
    );
    const { text, sources } = extractiveAnswer("What minimum alcohol content did a German law require?", [
      top,
      other,
    ]);
    expect(sources[0]?.documentId).toBe("spirits");
    expect(text).toContain("The minimum was 25 %. [1]");
    expect(text).not.toContain("Courts disagreed later");
  });

  it("quotes the sentence before one that refers back to it", () => {
    const page = passage(
      "badge",
      "Badges\n\nNew staff pick up a PIV card at the security office. This badge opens the doors of every building. Parking is separate.",
    );
    const { text } = extractiveAnswer("Which doors does the badge open?", [page]);
    expect(text).toContain("New staff pick up a PIV card at the security office.");
    expect(text).toContain("This badge opens the doors of every building.");
  });
});
