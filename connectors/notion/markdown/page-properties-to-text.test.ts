import { describe, expect, it } from "vitest";
import { pageObject, text } from "#test/fixtures/notion-fixtures.ts";
import { pagePropertiesToText, pageTitle } from "./page-properties-to-text.ts";

const option = (name: string) => ({ id: name, name, color: "default" as const });
const person = {
  object: "user" as const,
  id: "u1",
  name: "Ana",
  avatar_url: null,
  type: "person" as const,
  person: {},
};

const page = pageObject({
  Status: { id: "s", type: "status", status: option("In progress") },
  Name: { id: "title", type: "title", title: [text("Onboarding "), text("guide", { bold: true })] },
  Notes: { id: "n", type: "rich_text", rich_text: [text("Read first")] },
  Empty: { id: "e", type: "rich_text", rich_text: [] },
  Points: { id: "p", type: "number", number: 3 },
  NoPoints: { id: "np", type: "number", number: null },
  Team: { id: "t", type: "select", select: option("Ops") },
  Tags: { id: "tg", type: "multi_select", multi_select: [option("hr"), option("new")] },
  Due: { id: "d", type: "date", date: { start: "2026-02-01", end: "2026-02-03", time_zone: null } },
  Owner: { id: "o", type: "people", people: [person, { object: "user", id: "u2" }] },
  Done: { id: "c", type: "checkbox", checkbox: false },
  Link: { id: "l", type: "url", url: "https://example.com" },
  Mail: { id: "m", type: "email", email: "ops@example.com" },
  Phone: { id: "ph", type: "phone_number", phone_number: "+1 555" },
  Related: { id: "r", type: "relation", relation: [{ id: "a" }, { id: "b" }] },
  Score: { id: "f", type: "formula", formula: { type: "number", number: 42 } },
  Total: {
    id: "ru",
    type: "rollup",
    rollup: {
      type: "array",
      function: "show_original",
      array: [
        { type: "number", number: 5 },
        { type: "title", title: [text("X")] },
      ],
    },
  },
  Created: { id: "ct", type: "created_time", created_time: "2026-01-01T00:00:00.000Z" },
  Editor: { id: "eb", type: "last_edited_by", last_edited_by: person },
  Ticket: { id: "u", type: "unique_id", unique_id: { prefix: "OPS", number: 12 } },
});

describe("pagePropertiesToText", () => {
  it("writes every non-empty property as a line, title first", () => {
    expect(pagePropertiesToText(page.properties)).toBe(
      [
        "Name: Onboarding guide",
        "Status: In progress",
        "Notes: Read first",
        "Points: 3",
        "Team: Ops",
        "Tags: hr, new",
        "Due: 2026-02-01 to 2026-02-03",
        "Owner: Ana",
        "Done: No",
        "Link: https://example.com",
        "Mail: ops@example.com",
        "Phone: +1 555",
        "Related: 2 linked pages",
        "Score: 42",
        "Total: 5, X",
        "Created: 2026-01-01T00:00:00.000Z",
        "Editor: Ana",
        "Ticket: OPS-12",
      ].join("\n"),
    );
  });

  it("finds the title", () => {
    expect(pageTitle(page)).toBe("Onboarding guide");
    expect(pageTitle(pageObject({ Name: { id: "title", type: "title", title: [] } }))).toBe("Untitled");
  });
});
