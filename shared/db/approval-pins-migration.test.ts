import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { changedPins } from "#shared/approvals/approval-pins.ts";
import { migratePgliteBefore } from "#test/db/migrations-before.ts";
import { getApproval } from "./feedback-repository.ts";
import * as tables from "./schema.ts";
import { migrationsFolder } from "./with-migration-config.ts";

describe("migration 0007: approval pins", () => {
  const client = new PGlite();
  const db = drizzle({ client, schema: tables });
  afterAll(() => client.close());

  it("pins existing approvals to the served hashes of the cited documents, else their hash now", async () => {
    await migratePgliteBefore(db, "0007_answer_bank_training");
    const served = {
      passages: [
        { n: 1, documentId: "doc-handbook", contentHash: "served-h1" },
        { n: 2, documentId: "doc-handbook", contentHash: "served-h1" },
        { n: 3, documentId: "doc-policy", contentHash: null },
      ],
    };
    const sources = [
      { n: 1, title: "Handbook", url: "handbook.md", documentId: "doc-handbook" },
      { n: 2, title: "Handbook", url: "handbook.md", documentId: "doc-handbook" },
      { n: 3, title: "Policy", url: "policy.md", documentId: "doc-policy" },
    ];
    await client.query(
      `insert into documents (id, workspace_id, source, external_id, title, url, updated_at, content_hash) values
        ('doc-handbook', 'acme', 'files', 'handbook.md', 'Handbook', 'handbook.md', now(), 'now-h2'),
        ('doc-policy', 'acme', 'files', 'policy.md', 'Policy', 'policy.md', now(), 'now-p1')`,
    );
    await client.query(
      `insert into questions (id, workspace_id, platform, event_id, text) values
        ('q-approved', 'acme', 'slack', 'Ev1', 'How many vacation days?'),
        ('q-uncited', 'acme', 'slack', 'Ev2', 'Hello?'),
        ('q-pending', 'acme', 'slack', 'Ev3', 'Not approved?')`,
    );
    await client.query(
      `insert into answers (id, question_id, mode, text, sources, served) values
        ('a1', 'q-approved', 'generated', '25 days [1][2][3].', $1::jsonb, $2::jsonb),
        ('a2', 'q-uncited', 'generated', 'Hi.', '[]'::jsonb, null),
        ('a3', 'q-pending', 'generated', '25 days [1].', $1::jsonb, $2::jsonb)`,
      [JSON.stringify(sources), JSON.stringify(served)],
    );
    await client.query(
      `insert into approvals (question_id, approved_by, updated_at) values
        ('q-approved', 'U0ANA', '2026-02-01T10:00:00Z'), ('q-uncited', 'U0ANA', '2026-02-02T10:00:00Z')`,
    );

    await migrate(db, { migrationsFolder });

    const approval = await getApproval(db, "q-approved");
    // One pin per cited document: the served hash where the record kept one, the hash now otherwise.
    expect(approval?.pins).toHaveLength(2);
    expect(approval?.pins).toEqual(
      expect.arrayContaining([
        { documentId: "doc-handbook", title: "Handbook", contentHash: "served-h1" },
        { documentId: "doc-policy", title: "Policy", contentHash: "now-p1" },
      ]),
    );
    expect(approval?.pinnedAt).toEqual(new Date("2026-02-01T10:00:00Z"));
    // The handbook changed since it was served: that approval is stale; the policy still stands.
    expect(await changedPins(db, approval?.pins ?? [])).toEqual([
      { documentId: "doc-handbook", title: "Handbook", change: "changed" },
    ]);
    expect((await getApproval(db, "q-uncited"))?.pins).toEqual([]);
    expect(await getApproval(db, "q-pending")).toBeUndefined();
  });
});
