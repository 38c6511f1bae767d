import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { buildChunkRecords } from "#shared/knowledge/build-chunk-records.ts";
import type { SourceDocument } from "#shared/knowledge/document.ts";
import { createOllamaEmbedder } from "#shared/knowledge/embed/ollama-embedder.ts";
import { documentId } from "#shared/knowledge/ids.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import { createOllamaChatModel } from "#shared/model/ollama-chat-model.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import {
  type OllamaStandIn,
  type OllamaStandInOptions,
  startOllamaStandIn,
} from "#test/stand-ins/ollama-server.ts";
import type { AnswerDependencies } from "#workers/answer/answer-question.ts";

/**
 * What the answerQuestion tests share: Ollama stand-ins, a LanceDB store holding the suite's
 * documents, and answer dependencies with the same models and top-k.
 */

/** A handbook page as the files connector reads it: `externalId` is its name under handbook/. */
export function handbookPage(
  workspaceId: string,
  externalId: string,
  title: string,
  content: string,
): SourceDocument {
  return {
    workspaceId,
    source: "files",
    externalId,
    title,
    url: `handbook/${externalId}`,
    updatedAt: new Date(),
    content,
  };
}

/** Starts an Ollama stand-in before the enclosing suite and stops it after; returns a getter. */
export function useOllamaStandIn(options: OllamaStandInOptions = {}): () => OllamaStandIn {
  let ollama: OllamaStandIn | undefined;
  beforeAll(async () => {
    ollama = await startOllamaStandIn(options);
  });
  afterAll(async () => {
    await ollama?.stop();
  });
  return () => {
    if (!ollama) throw new Error("the Ollama stand-in is not started yet");
    return ollama;
  };
}

/**
 * Before the enclosing suite, embeds `documents` through the Ollama at `embedHost()` into a fresh
 * LanceDB store under `workspaceId`; closes and removes it after. Returns a getter for the store.
 */
export function useIndexedStore(
  workspaceId: string,
  documents: SourceDocument[],
  embedHost: () => string,
): () => VectorStore {
  let temp: Awaited<ReturnType<typeof makeTempDir>> | undefined;
  let store: VectorStore | undefined;
  beforeAll(async () => {
    temp = await makeTempDir();
    store = createLanceDbStore({ directory: join(temp.path, "lancedb"), dimensions: 256 });
    const embedder = createOllamaEmbedder({ host: embedHost(), dimensions: 256 });
    for (const document of documents) {
      const records = buildChunkRecords(
        document,
        documentId(workspaceId, document.source, document.externalId),
      );
      const vectors = await embedder.embedDocuments(records);
      records.forEach((record, index) => {
        record.vector = vectors[index] ?? null;
      });
      await store.upsert(workspaceId, records);
    }
  });
  afterAll(async () => {
    await store?.close();
    await temp?.remove();
  });
  return () => {
    if (!store) throw new Error("the store is not indexed yet");
    return store;
  };
}

export interface AnswerDependencyOptions {
  store: VectorStore;
  /** The Ollama that embeds the question and, with `generate`, writes the answer. */
  host: string;
  /** False: no model server configured, so answers are extractive. */
  generate: boolean;
  timeoutMs?: number;
  access?: "enforce" | "workspace";
}

/** Dependencies for answerQuestion: gemma4:e4b falling back to gemma4:e2b, top 4 passages. */
export function answerDependencies(options: AnswerDependencyOptions): AnswerDependencies {
  return {
    store: options.store,
    embedder: createOllamaEmbedder({ host: options.host, dimensions: 256 }),
    chatModel: options.generate ? createOllamaChatModel({ host: options.host }) : null,
    logger: silentLogger(),
    settings: {
      chatModel: "gemma4:e4b",
      fallbackChatModel: "gemma4:e2b",
      timeoutMs: options.timeoutMs ?? 5_000,
      topK: 4,
      ...(options.access ? { access: options.access } : {}),
    },
  };
}
