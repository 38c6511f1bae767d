import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupAccessText } from "#connectors/sources/describe-source-connection.ts";
import {
  ensureSourceConnection,
  markSourceError,
  markSourceNeedsReauth,
  markSourceOk,
  markSourceSyncing,
} from "#shared/db/source-connection-repository.ts";
import { ensureWorkspace } from "#shared/db/workspace-repository.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import {
  type InteractionHarness,
  people,
  startInteractionHarness,
  workspaceId,
} from "#test/slack/interaction-test-kit.ts";

const postgres = testDatabaseBackends.find((backend) => backend.kind === "postgres");
if (!postgres) throw new Error("no PostgreSQL test backend");

interface PublishedView {
  type: string;
  blocks: { type: string; text?: { text: string } }[];
}

/** The source connections on the App Home, through the real Bolt app over HTTP. */
describe("App Home: each source connection's state, and a notice when one needs re-auth", () => {
  const db = useTestDatabase(postgres);
  let harness: InteractionHarness;

  beforeAll(async () => {
    // As the slack role wires it without GOOGLE_SERVICE_ACCOUNT_FILE + GOOGLE_DRIVE_SUBJECT.
    harness = await startInteractionHarness({ db: db(), groupAccess: "not-expanded" });
    await ensureWorkspace(db(), workspaceId);
    const internal = await ensureSourceConnection(db(), {
      id: `notion-internal@${workspaceId}`,
      workspaceId,
      kind: "notion",
      source: "notion",
      label: "Notion (internal integration)",
    });
    await markSourceSyncing(db(), internal.id, new Date("2026-03-01T09:00:00Z"));
    await markSourceOk(db(), internal.id, {
      syncState: { cursor: "2026-03-01T08:59:00.000Z" },
      documentCount: 39,
    });
    await markSourceNeedsReauth(
      db(),
      internal.id,
      "Notion no longer accepts this connection's token, so the sync stopped; nothing was deleted.",
    );
    const other = await ensureSourceConnection(db(), {
      id: "notion:design-team",
      workspaceId,
      kind: "notion",
      source: "notion:design-team",
      label: "Design team Notion",
    });
    await markSourceSyncing(db(), other.id, new Date("2026-03-01T10:00:00Z"));
    await markSourceError(
      db(),
      other.id,
      "The Notion sync failed (Notion is unavailable, please try again later); nothing was deleted and the next sync tries again.",
    );
    const healthy = await ensureSourceConnection(db(), {
      id: "notion:support",
      workspaceId,
      kind: "notion",
      source: "notion:support",
      label: "Support Notion",
    });
    await markSourceSyncing(db(), healthy.id, new Date("2026-03-01T11:00:00Z"));
    await markSourceOk(db(), healthy.id, {
      syncState: { cursor: "2026-03-01T10:58:00.000Z" },
      documentCount: 7,
      completeAt: new Date("2026-03-01T11:00:00Z"),
    });
    const drive = await ensureSourceConnection(db(), {
      id: `drive@${workspaceId}`,
      workspaceId,
      kind: "drive",
      source: "drive:admin@example.com",
      label: "Google Drive (admin@example.com)",
    });
    await markSourceSyncing(db(), drive.id, new Date("2026-03-01T12:00:00Z"));
    await markSourceOk(db(), drive.id, {
      syncState: { startPageToken: "42" },
      documentCount: 12,
      completeAt: new Date("2026-03-01T12:00:00Z"),
    });
  });
  afterAll(async () => {
    await harness?.close();
  });

  async function openHome(userId: string): Promise<PublishedView> {
    const before = harness.slack.callsTo("views.publish").length;
    const sent = await harness.sendEvent({
      type: "app_home_opened",
      user: userId,
      channel: "D0SABIO",
      tab: "home",
      event_ts: `${Date.now() / 1000}`,
    });
    expect(sent.status).toBe(200);
    await harness.whenIdle();
    const [publish] = harness.slack.callsTo("views.publish").slice(before);
    return publish?.args.view as PublishedView;
  }

  it("shows an admin the stopped connection first, in plain words, with what to do", async () => {
    const view = await openHome(people.admin);
    const [notice, header] = view.blocks;
    expect(header?.type).toBe("header");
    expect(notice?.text?.text).toBe(
      [
        ":warning: *Notion (internal integration) needs to be reconnected.* Notion no longer accepts this connection's token, so the sync stopped; nothing was deleted.",
        "What was already indexed still answers questions; new and changed pages wait until it is reconnected.",
        "*To fix:* Whoever runs the Sabio server creates a new token for the internal integration in Notion (Settings → Connections → Develop or manage integrations), puts it in `NOTION_TOKEN` and restarts Sabio.",
      ].join("\n"),
    );

    const list = view.blocks.find((block) => block.text?.text.startsWith("*Connected sources*"))?.text?.text;
    expect(list?.split("\n")).toEqual([
      "*Connected sources*",
      "• *Notion (internal integration)*: :warning: needs re-auth (see above) · 39 documents",
      "• *Design team Notion*: :x: the last sync failed: The Notion sync failed (Notion is unavailable, please try again later); nothing was deleted and the next sync tries again. · 0 documents",
      "• *Support Notion*: ok, last synced <!date^1772362800^{date_short_pretty} at {time}|2026-03-01 11:00 UTC> · 7 documents",
      "• *Google Drive (admin@example.com)*: ok, last synced <!date^1772366400^{date_short_pretty} at {time}|2026-03-01 12:00 UTC> · 12 documents",
      `      Groups: ${groupAccessText["not-expanded"]}`,
    ]);
    // The very words `sabio sources` uses, and only under the Drive connection.
    expect(list).toContain(
      "Groups: not expanded: files shared only with a group are visible to nobody but the operator (the CLI without --as) until GOOGLE_SERVICE_ACCOUNT_FILE and GOOGLE_DRIVE_SUBJECT are set",
    );
    expect(list?.match(/Groups:/g)).toHaveLength(1);
  });

  it("shows a member the same states: answers may be stale for them too", async () => {
    const view = await openHome(people.member);
    const shown = JSON.stringify(view);
    expect(shown).toContain("Notion (internal integration) needs to be reconnected.");
    expect(shown).toContain("Connected sources");
    expect(shown).not.toContain("Waiting for approval");
  });
});
