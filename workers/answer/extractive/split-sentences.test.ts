import { describe, expect, it } from "vitest";
import { splitSentences } from "./split-sentences.ts";

describe("splitSentences", () => {
  it("gives each sentence the full heading path it sits under", () => {
    const units = splitSentences(
      [
        "Bike benefit › Joining",
        "",
        "Anyone can join.",
        "",
        "### Paperwork",
        "",
        "Fill in one form.",
        "",
        "## Leaving",
        "",
        "Tell the desk.",
      ].join("\n"),
    );
    expect(units.map((unit) => [unit.text, unit.heading])).toEqual([
      ["Anyone can join.", "Bike benefit › Joining"],
      ["Fill in one form.", "Bike benefit › Joining › Paperwork"],
      // A "##" closes the "###" before it.
      ["Tell the desk.", "Bike benefit › Joining › Leaving"],
    ]);
  });

  it("gives list items the sentence that introduces them, and nested items their parent", () => {
    const units = splitSentences(
      [
        "Bike benefit",
        "",
        "Nothing to do with lists.",
        "",
        "To enroll in the bike benefit, follow these steps:",
        "",
        "- Open the portal",
        "- Pick a bike",
        "- Storage rules:",
        "  - Night storage is in the basement",
        "",
        "A closing remark.",
      ].join("\n"),
    );
    const leadIn = Object.fromEntries(units.map((unit) => [unit.text, unit.leadIn]));
    expect(leadIn["Nothing to do with lists."]).toBe("");
    expect(leadIn["Open the portal"]).toBe("To enroll in the bike benefit, follow these steps:");
    expect(leadIn["Pick a bike"]).toBe("To enroll in the bike benefit, follow these steps:");
    expect(leadIn["Night storage is in the basement"]).toBe(
      "To enroll in the bike benefit, follow these steps: Storage rules:",
    );
    expect(leadIn["A closing remark."]).toBe("");
  });

  it("quotes table rows one by one, each with the table's header as context", () => {
    const units = splitSentences(
      [
        "Limits",
        "",
        "Spending limits by role:",
        "",
        "| Role | Monthly limit |",
        "|------|---------------|",
        "| Engineer | 300 |",
        "| Designer | 450 |",
      ].join("\n"),
    );
    expect(units.map((unit) => unit.text)).toEqual([
      "Spending limits by role:",
      "Role — Monthly limit",
      "Engineer — 300",
      "Designer — 450",
    ]);
    expect(units[3]?.leadIn).toBe("Spending limits by role: Role — Monthly limit");
  });
});
