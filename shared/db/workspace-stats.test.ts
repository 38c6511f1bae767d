import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { upsertDocuments } from "./document-repository.ts";
import { recordQuestion } from "./question-repository.ts";
import type { NewDocumentRow } from "./schema.ts";
import { workspaceStats } from "./workspace-stats.ts";

function documentRow(workspaceId: string, source: string, indexedAt: Date): NewDocumentRow {
  const externalId = randomUUID();
  return {
    id: `${workspaceId}-${source}-${externalId}`,
    workspaceId,
    source,
    externalId,
    title: "Handbook",
    url: `https://example.com/${externalId}`,
    updatedAt: new Date("2026-01-01T00:00:00Z"),
    contentHash: "hash",
    indexedAt,
  };
}

describe.each(testDatabaseBackends)("workspace stats on $kind", (backend) => {
  const db = useTestDatabase(backend);

  it("counts documents per source with the last indexing time, and questions since a date", async () => {
    const workspaceId = `ws-${randomUUID().slice(0, 8)}`;
    await upsertDocuments(db(), [
      documentRow(workspaceId, "files", new Date("2026-03-01T10:00:00Z")),
      documentRow(workspaceId, "files", new Date("2026-03-02T10:00:00Z")),
      documentRow(workspaceId, "notion", new Date("2026-02-01T10:00:00Z")),
      documentRow("someone-else", "files", new Date("2026-04-01T10:00:00Z")),
    ]);
    const ask = (createdAt: Date, workspace = workspaceId) =>
      recordQuestion(db(), {
        workspaceId: workspace,
        platform: "slack",
        eventId: `Ev${randomUUID()}`,
        text: "Where is the handbook?",
        createdAt,
      });
    await ask(new Date("2026-03-01T00:00:00Z"));
    await ask(new Date("2026-03-09T00:00:00Z"));
    await ask(new Date("2026-03-10T00:00:00Z"));
    await ask(new Date("2026-03-10T00:00:00Z"), "someone-else");

    const stats = await workspaceStats(db(), workspaceId, { since: new Date("2026-03-08T00:00:00Z") });

    expect(stats).toEqual({
      sources: [
        { source: "files", documents: 2, lastIndexedAt: new Date("2026-03-02T10:00:00Z") },
        { source: "notion", documents: 1, lastIndexedAt: new Date("2026-02-01T10:00:00Z") },
      ],
      questionsSince: 2,
    });
  });

  it("reports an empty workspace as having no sources and no questions", async () => {
    expect(await workspaceStats(db(), "nobody-here", { since: new Date(0) })).toEqual({
      sources: [],
      questionsSince: 0,
    });
  });
});
