import { touchDocuments } from "#shared/db/document-repository.ts";
import type { IndexedSourceDocument } from "#shared/db/source-connection-repository.ts";
import type { DocumentAccess } from "#shared/knowledge/document.ts";
import type { IndexDependencies } from "#shared/knowledge/index-documents.ts";

/**
 * Applies what changed about a file whose content did not (new sharing, a move): the chunks' access
 * is rewritten in place, the ledger's metadata and access move on; no read, no chunking, no
 * embedding. Store first, ledger second, as the indexer does. Returns whether access changed.
 */
export async function touchUnchanged(
  dependencies: Pick<IndexDependencies, "database" | "store">,
  workspaceId: string,
  indexed: IndexedSourceDocument,
  change: { metadata: Record<string, unknown>; access: DocumentAccess | null },
): Promise<boolean> {
  const metadata = { ...indexed.metadata, ...change.metadata };
  const accessChanged = !sameAccess(indexed.access, change.access);
  if (!accessChanged && JSON.stringify(metadata) === JSON.stringify(indexed.metadata)) return false;
  if (accessChanged) await dependencies.store.setDocumentAccess(workspaceId, indexed.id, change.access);
  await touchDocuments(dependencies.database.db, [
    { id: indexed.id, updatedAt: indexed.updatedAt, metadata, access: change.access },
  ]);
  return accessChanged;
}

/** Access lists compared as sets: the order Drive lists permissions in means nothing. */
function sameAccess(left: DocumentAccess | null, right: DocumentAccess | null): boolean {
  return JSON.stringify(canonical(left)) === JSON.stringify(canonical(right));
}

function canonical(access: DocumentAccess | null) {
  if (access === null) return null;
  return {
    users: [...new Set(access.users ?? [])].sort(),
    groups: [...new Set(access.groups ?? [])].sort(),
    domains: [...new Set(access.domains ?? [])].sort(),
    public: access.public ?? false,
  };
}
