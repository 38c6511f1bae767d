import { and, eq, inArray } from "drizzle-orm";
import { changedPins } from "#shared/approvals/approval-pins.ts";
import type { Db } from "#shared/db/database.ts";
import { documents } from "#shared/db/schema.ts";
import { type AccessViewer, accessKeys, viewerKeys } from "#shared/knowledge/store/access-keys.ts";
import type { ApprovedAnswerRow } from "./bank-rows.ts";

/** Why an approved answer that matched is not served. Null = serve it. */
export type NotServedReason = "stale" | "unpinned" | "not_visible";

/**
 * Checked at every look-up, never cached: an approval stands only while every document it is
 * pinned to is unchanged (approval-pins.ts), and reaches an asker only when they may see every
 * document its answer cites, as search would filter them (access-keys.ts). No viewer = the
 * operator (or DRIVE_ACCESS=workspace), who sees everything.
 */
export async function whyNotServed(
  db: Db,
  approved: ApprovedAnswerRow,
  viewer: AccessViewer | undefined,
): Promise<NotServedReason | null> {
  // An approval with nothing pinned could never go stale: it is not served at all.
  if (approved.pins.length === 0) return "unpinned";
  if ((await changedPins(db, approved.pins)).length > 0) return "stale";
  if (!viewer) return null;
  const cited = [...new Set([...approved.sources, ...approved.pins].map((document) => document.documentId))];
  const rows = await db
    .select({ id: documents.id, access: documents.access })
    .from(documents)
    .where(and(eq(documents.workspaceId, approved.workspaceId), inArray(documents.id, cited)));
  const held = new Set(viewerKeys(viewer));
  const visible = new Set(
    rows.filter((row) => accessKeys(row.access).some((key) => held.has(key))).map((row) => row.id),
  );
  return cited.every((id) => visible.has(id)) ? null : "not_visible";
}
