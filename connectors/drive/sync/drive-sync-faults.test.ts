import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { markSourceOk } from "#shared/db/source-connection-repository.ts";
import { type DriveSyncKit, startDriveSyncKit } from "#test/drive/drive-sync-test-kit.ts";
import { driveRetryDefaults } from "../client/retry-drive-requests.ts";

describe("Drive sync: faults never delete", () => {
  let kit: DriveSyncKit;
  let ids: string[];
  beforeEach(async () => {
    kit = await startDriveSyncKit();
    ids = ["Alpha", "Beta", "Gamma"].map(
      (name) => kit.standIn.addDoc({ name, markdown: `${name} is a project about widgets.` }).id,
    );
    await kit.sync("incremental");
  });
  afterEach(() => kit.close());

  const indexedIds = async () => (await kit.indexed()).map((document) => document.externalId).sort();

  it("an incomplete listing (incompleteSearch) deletes nothing and keeps the sync state; a complete one deletes", async () => {
    const [alpha, beta] = ids as [string, string];
    const token = (await kit.row())?.syncState;
    kit.standIn.setIncompleteSearch([alpha]);
    kit.standIn.remove(beta);
    const report = await kit.sync("full");
    expect(report).toMatchObject({ complete: false, deleted: 0, state: "error" });
    expect(report.failed.map((failure) => failure.id)).toEqual(["files.list"]);
    expect(await indexedIds()).toEqual([...ids].sort());
    expect((await kit.row())?.syncState).toEqual(token);
    kit.standIn.setIncompleteSearch(false);
    expect(await kit.sync("full")).toMatchObject({ complete: true, deleted: 1, state: "ok" });
    expect(await indexedIds()).not.toContain(beta);
  });

  it("a 403 rate-limit storm is retried, never read as lost access: nothing deleted, then a sync that gets through", async () => {
    const storm = driveRetryDefaults.rateLimitRetries + 1;
    kit.standIn.failNext("*", { rateLimit: "userRateLimitExceeded", retryAfter: 1 }, storm);
    await expect(kit.sync("full")).rejects.toMatchObject({ code: "rate_limited", retryable: true });
    expect(await kit.row()).toMatchObject({ state: "error" });
    expect(await indexedIds()).toEqual([...ids].sort());
    // A shorter storm is waited out inside one sync.
    kit.standIn.failNext("*", { rateLimit: "rateLimitExceeded", retryAfter: 1 }, 3);
    kit.standIn.failNext("changes.list", { status: 429, retryAfter: 1 }, 2);
    expect(await kit.sync("incremental")).toMatchObject({ state: "ok", complete: true, deleted: 0 });
    expect(await kit.sync("full")).toMatchObject({ state: "ok", complete: true, deleted: 0 });
    expect(await indexedIds()).toEqual([...ids].sort());
  });

  it("rate limits on one file's export leave the pass incomplete without deleting, and the token is not moved", async () => {
    const [alpha] = ids as [string];
    kit.standIn.edit(alpha, { markdown: "Alpha changed." });
    const token = (await kit.row())?.syncState;
    kit.standIn.failNext(
      "files.export",
      { rateLimit: "userRateLimitExceeded" },
      driveRetryDefaults.rateLimitRetries + 1,
    );
    const report = await kit.sync("incremental");
    expect(report).toMatchObject({ complete: false, state: "error", deleted: 0 });
    expect((await kit.row())?.syncState).toEqual(token);
    expect(await kit.sync("incremental")).toMatchObject({ complete: true, state: "ok", indexed: 1 });
  });

  it("a revoked grant puts the connection in needs re-auth, admins told, nothing deleted", async () => {
    kit.standIn.revokeGrants();
    for (const mode of ["incremental", "full"] as const)
      await expect(kit.sync(mode)).rejects.toMatchObject({ code: "invalid_config" });
    expect(await kit.row()).toMatchObject({ state: "needs_reauth" });
    expect(kit.alerted).toContain(kit.connection.id);
    expect(await indexedIds()).toEqual([...ids].sort());
  });

  it("stores refreshed tokens sealed, and the next sync reads with them", async () => {
    const sealedBefore = (await kit.row())?.credentials;
    kit.standIn.expireAccessTokens();
    kit.standIn.addDoc({ name: "Delta", markdown: "Delta is new." });
    expect(await kit.sync("incremental")).toMatchObject({ state: "ok", indexed: 1 });
    await expect.poll(async () => (await kit.row())?.credentials).not.toBe(sealedBefore);
    const sealed = (await kit.row())?.credentials ?? "";
    expect(sealed).not.toContain("ya29");
    const grants = kit.standIn.tokenGrants.length;
    expect(await kit.sync("incremental")).toMatchObject({ state: "ok" });
    expect(kit.standIn.tokenGrants.length).toBe(grants); // the stored token still works: no refresh
  });

  it("a changes token Drive refuses falls back to a full sync", async () => {
    await markSourceOk(kit.database.db, kit.connection.id, {
      syncState: { pageToken: "999999" },
      documentCount: 3,
    });
    const report = await kit.sync("incremental");
    expect(report).toMatchObject({ mode: "full", state: "ok", complete: true, deleted: 0 });
  });
});
