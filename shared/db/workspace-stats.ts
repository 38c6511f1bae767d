import { and, asc, count, eq, gte, max } from "drizzle-orm";
import type { Db } from "./database.ts";
import { documents, questions } from "./schema.ts";

export interface SourceStats {
  source: string;
  documents: number;
  /** When a document of this source was last (re)indexed: the closest thing to "last sync". */
  lastIndexedAt: Date | null;
}

export interface WorkspaceStats {
  sources: SourceStats[];
  /** Questions asked in this workspace since `since`, on every platform. */
  questionsSince: number;
}

/** What a workspace knows and how much it is asked: for /sabio status and the App Home. */
export async function workspaceStats(
  db: Db,
  workspaceId: string,
  options: { since: Date },
): Promise<WorkspaceStats> {
  const [sources, asked] = await Promise.all([
    db
      .select({
        source: documents.source,
        documents: count(),
        lastIndexedAt: max(documents.indexedAt),
      })
      .from(documents)
      .where(eq(documents.workspaceId, workspaceId))
      .groupBy(documents.source)
      .orderBy(asc(documents.source)),
    db
      .select({ questions: count() })
      .from(questions)
      .where(and(eq(questions.workspaceId, workspaceId), gte(questions.createdAt, options.since))),
  ]);
  return {
    sources: sources.map((row) => ({
      source: row.source,
      documents: Number(row.documents),
      lastIndexedAt: toDate(row.lastIndexedAt),
    })),
    questionsSince: Number(asked[0]?.questions ?? 0),
  };
}

// max() over a timestamp comes back as a string on some drivers: normalise.
function toDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}
