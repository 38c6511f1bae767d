import type { drive_v3 } from "@googleapis/drive";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DriveStandIn, startDriveStandIn } from "./drive-server.ts";
import { connectedDrive } from "./stand-in-client.ts";

const fields =
  "nextPageToken,newStartPageToken,changes(changeType,removed,fileId,file(name,trashed,parents,version,permissions(emailAddress)))";

describe("Drive stand-in changes feed, through the real client", () => {
  let standIn: DriveStandIn;
  let api: drive_v3.Drive;

  beforeEach(async () => {
    standIn = await startDriveStandIn();
    ({ api } = await connectedDrive(standIn));
  });
  afterEach(() => standIn.close());

  const startToken = async (params: drive_v3.Params$Resource$Changes$Getstartpagetoken = {}) =>
    (await api.changes.getStartPageToken(params)).data.startPageToken ?? "";
  /** Follows the feed to newStartPageToken: every change and the token to store. */
  const follow = async (
    token: string,
    params: Omit<drive_v3.Params$Resource$Changes$List, "pageToken"> = {},
  ) => {
    const changes: drive_v3.Schema$Change[] = [];
    let pageToken = token;
    for (;;) {
      const request: drive_v3.Params$Resource$Changes$List = { fields, ...params, pageToken };
      const { data } = await api.changes.list(request);
      changes.push(...(data.changes ?? []));
      if (data.newStartPageToken) return { changes, newStartPageToken: data.newStartPageToken };
      if (!data.nextPageToken) throw new Error("A changes page without either token");
      pageToken = data.nextPageToken;
    }
  };

  it("says nothing changed with one call, and hands back the same token", async () => {
    standIn.addDoc({ name: "a", markdown: "x" });
    const token = await startToken();
    const { data } = await api.changes.list({ pageToken: token, fields });
    expect(data).toEqual({ newStartPageToken: token, changes: [] });
  });

  it("reports an edit, a rename, a move, a trash, a deletion and a permission change, the file as it is now", async () => {
    const folder = standIn.addFolder({ name: "Archive" });
    const edited = standIn.addDoc({ name: "edited", markdown: "v1" });
    const renamed = standIn.addDoc({ name: "old name", markdown: "x" });
    const moved = standIn.addDoc({ name: "moved", markdown: "x" });
    const trashed = standIn.addDoc({ name: "trashed", markdown: "x" });
    const deleted = standIn.addDoc({ name: "deleted", markdown: "x" });
    const shared = standIn.addDoc({ name: "shared", markdown: "x" });
    const token = await startToken();
    const versionBefore = standIn.file(edited.id).version;

    standIn.edit(edited.id, { markdown: "v2" });
    standIn.rename(renamed.id, "new name");
    standIn.move(moved.id, folder.id);
    standIn.trash(trashed.id);
    standIn.remove(deleted.id);
    standIn.share(shared.id, { type: "user", role: "reader", emailAddress: "bob@example.com" });

    const { changes, newStartPageToken } = await follow(token);
    expect(changes).toEqual([
      {
        changeType: "file",
        removed: false,
        fileId: edited.id,
        file: expect.objectContaining({ name: "edited", version: String(versionBefore + 1) }),
      },
      {
        changeType: "file",
        removed: false,
        fileId: renamed.id,
        file: expect.objectContaining({ name: "new name" }),
      },
      {
        changeType: "file",
        removed: false,
        fileId: moved.id,
        file: expect.objectContaining({ parents: [folder.id] }),
      },
      {
        changeType: "file",
        removed: false,
        fileId: trashed.id,
        file: expect.objectContaining({ trashed: true }),
      },
      { changeType: "file", removed: true, fileId: deleted.id },
      {
        changeType: "file",
        removed: false,
        fileId: shared.id,
        file: expect.objectContaining({
          permissions: [{ emailAddress: "admin@example.com" }, { emailAddress: "bob@example.com" }],
        }),
      },
    ]);
    expect(newStartPageToken).toBe(standIn.startPageToken());
    expect((await follow(newStartPageToken)).changes).toEqual([]);
  });

  it("coalesces several changes to one file into its latest, and pages with nextPageToken", async () => {
    const files = ["a", "b", "c"].map((name) => standIn.addDoc({ name, markdown: name }));
    const token = await startToken();
    for (const file of files) standIn.edit(file.id, { markdown: "edited" });
    standIn.rename(files[0]?.id ?? "", "a2");
    const first = await api.changes.list({ pageToken: token, pageSize: 2, fields });
    expect(first.data.changes?.map((change) => change.file?.name)).toEqual(["b", "c"]);
    expect(first.data.nextPageToken).toEqual(expect.any(String));
    expect(first.data.newStartPageToken).toBeUndefined();
    const rest = await follow(first.data.nextPageToken ?? "");
    expect(rest.changes.map((change) => change.file?.name)).toEqual(["a2"]);
  });

  it("catches edits made during a first listing when the start token is taken before it", async () => {
    const docs = ["a", "b", "c", "d"].map((name) => standIn.addDoc({ name, markdown: name }));
    const token = await startToken();
    const firstPage = await api.files.list({ pageSize: 2, fields: "nextPageToken,files(id)" });
    standIn.edit(docs[0]?.id ?? "", { markdown: "edited while the listing ran" });
    await api.files.list({ pageSize: 2, pageToken: firstPage.data.nextPageToken ?? "", fields: "files(id)" });
    const { changes } = await follow(token);
    expect(changes.map((change) => change.fileId)).toEqual([docs[0]?.id]);
  });

  it("says removed when the account loses access; shared-drive changes need includeItemsFromAllDrives", async () => {
    const drive = standIn.addDrive({ name: "Eng" });
    const teamDoc = standIn.addDoc({ name: "team", markdown: "x", driveId: drive.id });
    const mine = standIn.addDoc({ name: "mine", markdown: "x" });
    const token = await startToken();
    standIn.edit(teamDoc.id, { markdown: "y" });
    standIn.loseAccess(mine.id);
    expect((await follow(token)).changes).toEqual([{ changeType: "file", removed: true, fileId: mine.id }]);
    const all = await follow(token, { supportsAllDrives: true, includeItemsFromAllDrives: true });
    expect(all.changes.map((change) => [change.fileId, change.removed])).toEqual([
      [teamDoc.id, false],
      [mine.id, true],
    ]);
    const driveToken = await startToken({ supportsAllDrives: true, driveId: drive.id });
    standIn.rename(teamDoc.id, "team 2");
    const onlyDrive = await follow(driveToken, {
      supportsAllDrives: true,
      includeItemsFromAllDrives: true,
      driveId: drive.id,
    });
    expect(onlyDrive.changes.map((change) => change.file?.name)).toEqual(["team 2"]);
  });

  it("answers 400 for a pageToken it never issued, and without one (the client checks that itself)", async () => {
    const bogus = await api.changes.list({ pageToken: "999" }).catch((error: unknown) => error);
    expect(bogus).toMatchObject({ status: 400 });
    const missing = await fetch(`${standIn.rootUrl}drive/v3/changes`, {
      headers: { authorization: `Bearer ${standIn.mintAccessToken()}` },
    });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      error: { errors: [{ reason: "required", location: "pageToken" }] },
    });
  });
});
