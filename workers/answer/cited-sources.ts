import { plainTextTitle } from "#shared/knowledge/plain-text-title.ts";
import type { ScoredChunk } from "#shared/knowledge/store/vector-store.ts";
import type { CitedSource } from "#shared/platform/platform.ts";

/** Numbers cited in the text as [n], [n, m] or [n][m], in first-cited order. */
export function citedNumbers(text: string): number[] {
  const cited: number[] = [];
  for (const match of text.matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]/g)) {
    for (const part of (match[1] ?? "").split(",")) {
      const n = Number.parseInt(part.trim(), 10);
      if (!cited.includes(n)) cited.push(n);
    }
  }
  return cited;
}

/**
 * The sources the answer actually cites, keeping their numbers so the text still matches.
 * Several chunks of one document cited together are listed once, under the first number.
 */
export function citedSources(text: string, sources: ScoredChunk[]): CitedSource[] {
  const result: CitedSource[] = [];
  for (const n of citedNumbers(text).sort((a, b) => a - b)) {
    const source = sources[n - 1];
    if (!source) continue; // an invented number: drop it rather than link to nothing
    if (result.some((item) => item.documentId === source.documentId)) continue;
    // Titles indexed before ingest cleaned them may still carry HTML.
    result.push({ n, title: plainTextTitle(source.title), url: source.url, documentId: source.documentId });
  }
  return result;
}
