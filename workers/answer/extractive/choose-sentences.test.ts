import { describe, expect, it } from "vitest";
import type { ScoredChunk } from "#shared/knowledge/store/vector-store.ts";
import { chooseSentences } from "./choose-sentences.ts";
import { analyzeQuestion } from "./question-concepts.ts";

function passage(documentId: string, text: string, chunkIndex = 0): ScoredChunk {
  return {
    id: `${documentId}-${chunkIndex}`,
    documentId,
    source: "files",
    chunkIndex,
    title: documentId,
    url: `wiki/${documentId}.md`,
    text,
    score: 1,
  };
}

/** The sentence chosen first: the one the answer is built around. */
function lead(question: string, passages: ScoredChunk[]): string | undefined {
  return chooseSentences(analyzeQuestion(question), passages)[0]?.unit.text;
}

describe("chooseSentences", () => {
  it("answers 'how many weeks' with a number of weeks, not a number of months", () => {
    const page = passage(
      "parental",
      [
        "Parental leave",
        "",
        "You need 12 months of service to access paid parental leave.",
        "You are entitled to 14 weeks of paid time off after a birth.",
      ].join("\n"),
    );
    expect(lead("How many weeks of paid parental leave do I get?", [page])).toBe(
      "You are entitled to 14 weeks of paid time off after a birth.",
    );
  });

  it("answers 'when' with a day, 'who do I email' with an address", () => {
    const timesheets = passage(
      "timesheets",
      [
        "Timesheets",
        "",
        "Your weekly timesheet records the hours you worked on each project.",
        "Submit your weekly timesheet by the end of Thursday.",
      ].join("\n"),
    );
    expect(lead("When is my weekly timesheet due?", [timesheets])).toBe(
      "Submit your weekly timesheet by the end of Thursday.",
    );
    const badges = passage(
      "badges",
      [
        "Badges",
        "",
        "Your badge can open more buildings once security approves it.",
        "Email doors@example.org to have more buildings added to your badge.",
      ].join("\n"),
    );
    expect(lead("Who do I email to have my badge open more buildings?", [badges])).toBe(
      "Email doors@example.org to have more buildings added to your badge.",
    );
  });

  it("answers 'which website' with the list item holding the link, read under its headings", () => {
    const page = passage(
      "bikes",
      [
        "Bike benefit",
        "",
        "Bring your bike inside at night.",
        "",
        "## How to sign up",
        "",
        "- Open [https://bikes.example.org](https://bikes.example.org)",
        "- Choose a model",
      ].join("\n"),
    );
    // Only the page's title names the benefit the link is for.
    expect(lead("Which website do I use for the bike benefit?", [page])).toBe(
      "Open [https://bikes.example.org](https://bikes.example.org)",
    );
  });

  it("matches a table row by the table's header", () => {
    const page = passage(
      "limits",
      [
        "Limits",
        "",
        "Engineers get a new phone within 2 days of joining.",
        "",
        "| Role | Monthly phone allowance |",
        "|------|-----------------|",
        "| Designer | 45 |",
        "| Engineer | 60 |",
      ].join("\n"),
    );
    expect(lead("How much is the monthly phone allowance for an engineer?", [page])).toBe("Engineer — 60");
  });

  it("leads with the best sentence of search's top document, from any of its passages", () => {
    const opening = passage("travel", "Travel\n\nTravel is booked through the travel desk.", 0);
    const other = passage("moving", "Moving\n\nMoving costs are refunded within 30 days of the move.");
    const refunds = passage(
      "travel",
      "Travel › Refunds\n\nTravel costs are refunded within 10 days of the trip report.",
      4,
    );
    const chosen = chooseSentences(analyzeQuestion("Within how many days are travel costs refunded?"), [
      opening,
      other,
      refunds,
    ]);
    expect(chosen[0]?.unit.text).toBe("Travel costs are refunded within 10 days of the trip report.");
  });

  it("quotes at most three documents", () => {
    const pages = ["alpha", "bravo", "charlie", "delta", "echo"].map((name, index) =>
      passage(name, `${name}\n\nThe ${name} office has ${index + 2} desks for visiting staff members.`),
    );
    const chosen = chooseSentences(
      analyzeQuestion("How many desks do the alpha, bravo, charlie, delta and echo offices have?"),
      pages,
    );
    expect(new Set(chosen.map((sentence) => sentence.passage.documentId)).size).toBe(3);
  });

  it("quotes a second page that states the fact as well as the first", () => {
    const first = passage(
      "gifts-internal",
      [
        "Gifts (internal)",
        "",
        "The people team sends a birthday gift to every teammate.",
        "",
        "On each birthday the people team will send a gift card.",
      ].join("\n"),
    );
    const second = passage(
      "gifts",
      "Gifts\n\nThe people team sends each teammate a birthday gift worth 40 euros.",
    );
    const chosen = chooseSentences(analyzeQuestion("What birthday gift does the people team send?"), [
      first,
      second,
    ]);
    expect(chosen.map((sentence) => sentence.passage.documentId)).toContain("gifts");
  });

  it("matches a question word by its first letters where the stemmer cuts it short", () => {
    const page = passage(
      "return",
      [
        "Return to work",
        "",
        "Stay in touch with your manager during the 6 weeks of leave.",
        "You sign an agreement to stay for 6 weeks after the leave.",
      ].join("\n"),
    );
    expect(lead("After leave, how long do I agree to stay?", [page])).toBe(
      "You sign an agreement to stay for 6 weeks after the leave.",
    );
  });
});
