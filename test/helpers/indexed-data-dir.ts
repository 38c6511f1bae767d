import { join } from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { openDatabase } from "#shared/db/open-database.ts";
import type { DocumentAccess, SourceDocument } from "#shared/knowledge/document.ts";
import { createOllamaEmbedder } from "#shared/knowledge/embed/ollama-embedder.ts";
import { indexDocuments } from "#shared/knowledge/index-documents.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import { createQdrantStore } from "#shared/knowledge/store/qdrant-store.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { type QdrantStandIn, startQdrantStandIn } from "#test/stand-ins/qdrant-server.ts";
import { runSabio } from "./run-sabio.ts";
import { silentLogger } from "./silent-logger.ts";
import { makeTempDir } from "./temp-dir.ts";

/**
 * A data directory with Drive documents already indexed, for CLI tests that run `sabio` against it:
 * the Ollama stand-in embeds, and the vector store is LanceDB in the directory or the Qdrant stand-in.
 */

export const indexedWorkspaceId = "acme";

/** A Drive document in `indexedWorkspaceId`, shared as `access` says. */
export function driveDocument(
  externalId: string,
  title: string,
  content: string,
  access: DocumentAccess,
): SourceDocument {
  const url = `https://drive.test/${externalId}`;
  return {
    workspaceId: indexedWorkspaceId,
    source: "drive",
    externalId,
    title,
    url,
    updatedAt: new Date(),
    content,
    access,
  };
}

export interface IndexedDataDir {
  /** The environment that points `sabio` at the directory, its store and the Ollama stand-in. */
  env: Record<string, string>;
  /** The temporary folder holding the data directory; removed after the suite. */
  tempPath: string;
}

/**
 * Indexes `documents` (as one complete Drive sync) into a fresh data directory on `backend` before
 * the enclosing suite, and removes it and the stand-ins after; returns a getter for the tests.
 */
export function useIndexedDataDir(
  backend: "lancedb" | "qdrant",
  documents: SourceDocument[],
): () => IndexedDataDir {
  let temp: Awaited<ReturnType<typeof makeTempDir>> | undefined;
  let ollama: OllamaStandIn | undefined;
  let qdrant: QdrantStandIn | undefined;
  let indexed: IndexedDataDir | undefined;

  beforeAll(async () => {
    temp = await makeTempDir();
    ollama = await startOllamaStandIn();
    const dataDir = join(temp.path, "data");
    let env: Record<string, string> = { DATA_DIR: dataDir, OLLAMA_HOST: ollama.host };
    if (backend === "qdrant") {
      qdrant = await startQdrantStandIn();
      env = { ...env, VECTOR_STORE: "qdrant", QDRANT_URL: qdrant.url };
    }
    const database = await openDatabase({ dataDir });
    const store = qdrant
      ? createQdrantStore({ url: qdrant.url, dimensions: 256 })
      : createLanceDbStore({ directory: join(dataDir, "lancedb"), dimensions: 256 });
    const embedder = createOllamaEmbedder({ host: ollama.host, dimensions: 256 });
    await indexDocuments(
      { database, store, embedder, logger: silentLogger() },
      { workspaceId: indexedWorkspaceId, source: "drive", documents, complete: true },
    );
    await store.close();
    await database.close();
    indexed = { env, tempPath: temp.path };
  });
  afterAll(async () => {
    await qdrant?.close();
    await ollama?.stop();
    await temp?.remove();
  });

  return () => {
    if (!indexed) throw new Error("the data directory is not indexed yet");
    return indexed;
  };
}

/**
 * Runs `sabio search <query> --json` (plus `args`) in `env`, expects exit 0, and returns the
 * result titles sorted.
 */
export async function searchTitles(
  env: Record<string, string>,
  query: string,
  args: string[],
): Promise<string[]> {
  const run = await runSabio(["search", query, "--workspace", indexedWorkspaceId, ...args, "--json"], env);
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout).results as { title: string }[]).map((result) => result.title).sort();
}
