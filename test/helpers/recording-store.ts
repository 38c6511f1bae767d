import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";

export interface StoreCalls {
  upsert: number;
  upsertedChunks: number;
  deleteDocumentChunks: number;
  setVectors: number;
  setDocumentAccess: number;
}

/** Wraps a real store and counts its writes, so tests can assert "no write happened". */
export function recordingStore(inner: VectorStore): { store: VectorStore; calls: StoreCalls; reset(): void } {
  const calls: StoreCalls = {
    upsert: 0,
    upsertedChunks: 0,
    deleteDocumentChunks: 0,
    setVectors: 0,
    setDocumentAccess: 0,
  };
  const store: VectorStore = {
    name: inner.name,
    upsert: async (workspaceId, chunks) => {
      calls.upsert += 1;
      calls.upsertedChunks += chunks.length;
      return inner.upsert(workspaceId, chunks);
    },
    deleteDocumentChunks: async (workspaceId, documentId, fromIndex) => {
      calls.deleteDocumentChunks += 1;
      return inner.deleteDocumentChunks(workspaceId, documentId, fromIndex);
    },
    setVectors: async (workspaceId, items) => {
      calls.setVectors += 1;
      return inner.setVectors(workspaceId, items);
    },
    setDocumentAccess: async (workspaceId, documentId, access) => {
      calls.setDocumentAccess += 1;
      return inner.setDocumentAccess(workspaceId, documentId, access);
    },
    search: (workspaceId, query) => inner.search(workspaceId, query),
    chunksMissingVectors: (workspaceId, limit) => inner.chunksMissingVectors(workspaceId, limit),
    countChunks: (workspaceId) => inner.countChunks(workspaceId),
    dropWorkspace: (workspaceId) => inner.dropWorkspace(workspaceId),
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
  return {
    store,
    calls,
    reset() {
      Object.assign(calls, {
        upsert: 0,
        upsertedChunks: 0,
        deleteDocumentChunks: 0,
        setVectors: 0,
        setDocumentAccess: 0,
      });
    },
  };
}
