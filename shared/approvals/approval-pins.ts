import { inArray } from "drizzle-orm";
import type { ServedRecord } from "#shared/answers/served-record.ts";
import type { Db } from "#shared/db/database.ts";
import { type AnswerSource, type ApprovalPin, documents } from "#shared/db/schema.ts";

/** How a pinned document differs from when its approval was pinned. */
export interface PinChange {
  documentId: string;
  title: string;
  change: "changed" | "removed";
}

/**
 * The documents an answer cited, with the content hashes its served record kept (the hash now, for
 * answers recorded before the record had them): what an approval of it stands on.
 */
export async function pinsOf(
  db: Db,
  answer: { sources: AnswerSource[]; served: ServedRecord | null },
): Promise<ApprovalPin[]> {
  const cited = new Map<string, string>();
  for (const source of answer.sources) cited.set(source.documentId, source.title);
  if (cited.size === 0) return [];
  const served = new Map<string, string | null>();
  for (const passage of answer.served?.passages ?? []) {
    if (!served.get(passage.documentId)) served.set(passage.documentId, passage.contentHash);
  }
  const missing = [...cited.keys()].filter((id) => !served.get(id));
  const now = await currentHashes(db, missing);
  return [...cited].map(([documentId, title]) => ({
    documentId,
    title,
    contentHash: served.get(documentId) ?? now.get(documentId) ?? null,
  }));
}

/**
 * What changed under an approval's pins: an empty list means it still stands. A pin whose hash was
 * unknown at approval time counts as changed once the document exists with any hash, so an
 * approval never silently trusts content nobody saw.
 */
export async function changedPins(db: Db, pins: readonly ApprovalPin[]): Promise<PinChange[]> {
  if (pins.length === 0) return [];
  const now = await currentHashes(
    db,
    pins.map((pin) => pin.documentId),
  );
  const changes: PinChange[] = [];
  for (const pin of pins) {
    const hash = now.get(pin.documentId);
    if (hash === undefined) changes.push({ documentId: pin.documentId, title: pin.title, change: "removed" });
    else if (hash !== pin.contentHash)
      changes.push({ documentId: pin.documentId, title: pin.title, change: "changed" });
  }
  return changes;
}

/** Many approvals at once (listings, the dataset): one query for every document they pin. */
export async function changedPinsOfMany(
  db: Db,
  approvals: readonly { questionId: string; pins: readonly ApprovalPin[] }[],
): Promise<Map<string, PinChange[]>> {
  const ids = [...new Set(approvals.flatMap((approval) => approval.pins.map((pin) => pin.documentId)))];
  const now = await currentHashes(db, ids);
  const result = new Map<string, PinChange[]>();
  for (const approval of approvals) {
    const changes: PinChange[] = [];
    for (const pin of approval.pins) {
      const hash = now.get(pin.documentId);
      if (hash === undefined)
        changes.push({ documentId: pin.documentId, title: pin.title, change: "removed" });
      else if (hash !== pin.contentHash)
        changes.push({ documentId: pin.documentId, title: pin.title, change: "changed" });
    }
    result.set(approval.questionId, changes);
  }
  return result;
}

async function currentHashes(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  // Chunked: an IN list of thousands of ids is slow to plan and PGlite has a parameter cap.
  for (let start = 0; start < ids.length; start += 500) {
    const slice = ids.slice(start, start + 500);
    const rows = await db
      .select({ id: documents.id, contentHash: documents.contentHash })
      .from(documents)
      .where(inArray(documents.id, slice));
    for (const row of rows) hashes.set(row.id, row.contentHash);
  }
  return hashes;
}
