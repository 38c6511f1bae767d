import { describe, expect, it } from "vitest";
import { systemPrompt } from "#workers/answer/build-prompt.ts";
import { refusalFor, refusalTexts } from "./refusal-text.ts";
import { renumberCitations } from "./renumber-citations.ts";

describe("renumberCitations", () => {
  it("moves [n], [n, m] and [n][m] to their passages' new numbers in one pass", () => {
    const moved = new Map([
      [1, 3],
      [3, 1],
      [2, 2],
    ]);
    expect(renumberCitations("A [1]. B [1, 3] and [3][2]. Year [2024] stays.", moved)).toBe(
      "A [3]. B [3, 1] and [1][2]. Year [2024] stays.",
    );
  });
});

describe("refusalFor", () => {
  it("is the system prompt's own refusal, in the question's language", () => {
    expect(systemPrompt).toContain(refusalTexts.en);
    expect(refusalFor("How many days of leave do I get in the Lisbon office?")).toBe(refusalTexts.en);
    expect(refusalFor("¿Cuántos días de vacaciones tengo en la oficina de Lisboa?")).toBe(refusalTexts.es);
  });
});
