import { describe, expect, it } from "vitest";
import type { ScoredChunk } from "#shared/knowledge/store/vector-store.ts";
import { foldSearchResults } from "./fold-search-results.ts";

const chunk = (documentId: string, chunkIndex: number, title = documentId): ScoredChunk => ({
  id: `${documentId}-${chunkIndex}`,
  documentId,
  source: "files",
  chunkIndex,
  title,
  url: `wiki/${documentId}.md`,
  text: `${documentId} passage ${chunkIndex}`,
  score: 1 / (60 + chunkIndex),
});

describe("foldSearchResults", () => {
  it("keeps one entry per document, its best passage first, and counts the rest", () => {
    const results = foldSearchResults(
      [chunk("a", 2), chunk("b", 0), chunk("a", 0), chunk("c", 1), chunk("a", 5)],
      2,
    );
    expect(results.map((result) => [result.documentId, result.text, result.morePassages])).toEqual([
      ["a", "a passage 2", 2],
      ["b", "b passage 0", 0],
    ]);
  });

  it("shows the passage of each document that covers the query best", () => {
    const results = foldSearchResults([chunk("a", 2), chunk("b", 0), chunk("a", 7)], 5, [0.2, 0.5, 0.9]);
    expect(results.map((result) => [result.documentId, result.text, result.relevance])).toEqual([
      ["a", "a passage 7", 0.9],
      ["b", "b passage 0", 0.5],
    ]);
  });

  it("shows titles as plain text", () => {
    expect(foldSearchResults([chunk("x", 0, "Logging in &amp; <em>Networks</em>")], 5)[0]?.title).toBe(
      "Logging in & Networks",
    );
  });
});
