import { chunkMarkdown } from "./chunk/chunk-markdown.ts";
import type { SourceDocument } from "./document.ts";
import { chunkId } from "./ids.ts";
import { analyzeText } from "./lexical/analyze-text.ts";
import { lexicalVector } from "./lexical/lexical-vector.ts";
import type { ChunkRecord } from "./store/vector-store.ts";

/** Chunks a document and gives each chunk its id and lexical representation (no dense vector yet). */
export function buildChunkRecords(document: SourceDocument, id: string): ChunkRecord[] {
  const updatedAt = document.updatedAt.toISOString();
  return chunkMarkdown(document.content, { title: document.title }).map((chunk) => {
    const terms = analyzeText(chunk.text);
    return {
      id: chunkId(id, chunk.index),
      documentId: id,
      source: document.source,
      chunkIndex: chunk.index,
      title: document.title,
      url: document.url,
      text: chunk.text,
      lexicalText: terms.join(" "),
      lexical: lexicalVector(terms),
      vector: null,
      updatedAt,
      access: document.access ?? null,
    };
  });
}
