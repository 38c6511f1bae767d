import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noTelemetry, type SyncFinished } from "#shared/telemetry/telemetry.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { type NotionSyncKit, startNotionSyncKit } from "#test/notion/notion-sync-test-kit.ts";
import { syncSource } from "./sync-source.ts";

describe("syncSource on the telemetry seam", () => {
  let kit: NotionSyncKit;
  beforeAll(async () => {
    kit = await startNotionSyncKit({ clock: "2026-02-01T08:00:00.000Z" });
  });
  afterAll(() => kit?.close());

  it("reports each sync that ran: state, mode, documents, a duration; a failed one as an error", async () => {
    const { notion, connectionId } = kit;
    notion.addPage({
      title: "Deploys",
      parent: { workspace: true },
      blocks: [{ type: "paragraph", text: "Use the release script." }],
    });
    const finished: SyncFinished[] = [];
    const telemetry = { ...noTelemetry, syncFinished: (event: SyncFinished) => void finished.push(event) };
    const dependencies = {
      database: kit.database,
      store: kit.store,
      embedder: null,
      logger: silentLogger(),
      connectors: kit.connectors,
      telemetry,
    };
    await syncSource(dependencies, { connectionId, mode: "full" });
    expect(finished).toEqual([
      expect.objectContaining({
        workspaceId: "default",
        kind: "notion",
        connectionId,
        mode: "full",
        state: "ok",
        documents: 1,
        failed: 0,
      }),
    ]);
    expect(finished[0]?.durationMs).toBeGreaterThanOrEqual(0);

    await notion.close();
    await expect(syncSource(dependencies, { connectionId, mode: "incremental" })).rejects.toBeDefined();
    expect(finished[1]).toMatchObject({ connectionId, state: "error" });
  });
});
