import type { drive_v3 } from "@googleapis/drive";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DriveStandIn, googleTypes, startDriveStandIn } from "./drive-server.ts";
import { connectedDrive } from "./stand-in-client.ts";

describe("Drive stand-in files.list, through the real @googleapis/drive client", () => {
  let standIn: DriveStandIn;
  let api: drive_v3.Drive;

  beforeEach(async () => {
    standIn = await startDriveStandIn();
    ({ api } = await connectedDrive(standIn));
  });
  afterEach(() => standIn.close());

  const allFiles = async (params: drive_v3.Params$Resource$Files$List) => {
    const names: string[] = [];
    let pageToken: string | undefined;
    do {
      const { data } = await api.files.list({ ...params, ...(pageToken ? { pageToken } : {}) });
      names.push(...(data.files ?? []).map((file) => file.name ?? ""));
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken);
    return names;
  };

  it("pages with pageSize and nextPageToken, returning only the fields asked for", async () => {
    for (const name of ["a", "b", "c", "d", "e"]) standIn.addDoc({ name, markdown: `# ${name}` });
    const first = await api.files.list({ pageSize: 2, fields: "nextPageToken,files(id,name)" });
    expect(first.data.files).toEqual([
      { id: expect.any(String), name: "a" },
      { id: expect.any(String), name: "b" },
    ]);
    expect(await allFiles({ pageSize: 2, fields: "nextPageToken,files(id,name)" })).toEqual([
      "a",
      "b",
      "c",
      "d",
      "e",
    ]);
    expect(standIn.callsTo("files.list")).toHaveLength(4);
  });

  it("sends no nextPageToken when fields leave it out, as Drive does (a connector would stop at page 1)", async () => {
    for (const name of ["a", "b", "c"]) standIn.addDoc({ name, markdown: name });
    const { data } = await api.files.list({ pageSize: 2, fields: "files(id)" });
    expect(data).toEqual({ files: [{ id: expect.any(String) }, { id: expect.any(String) }] });
  });

  it("answers the default fields without `fields`, nested selections and 400 for an unknown field", async () => {
    standIn.addDoc({
      name: "Plan",
      markdown: "x",
      permissions: [{ type: "user", role: "reader", emailAddress: "bob@example.com" }],
    });
    const plain = await api.files.list({});
    expect(plain.data).toEqual({
      kind: "drive#fileList",
      incompleteSearch: false,
      files: [{ kind: "drive#file", id: expect.any(String), name: "Plan", mimeType: googleTypes.doc }],
    });
    const nested = await api.files.list({ fields: "files(name,permissions(type,role,emailAddress))" });
    expect(nested.data.files?.[0]?.permissions).toEqual([
      { type: "user", role: "owner", emailAddress: "admin@example.com" },
      { type: "user", role: "reader", emailAddress: "bob@example.com" },
    ]);
    const error = await api.files.list({ fields: "files(titel)" }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      status: 400,
      response: { data: { error: { errors: [{ reason: "invalidParameter" }] } } },
    });
  });

  it("returns trashed files unless `trashed = false` is in q", async () => {
    standIn.addDoc({ name: "kept", markdown: "x" });
    standIn.trash(standIn.addDoc({ name: "binned", markdown: "x" }).id);
    expect(await allFiles({ fields: "nextPageToken,files(name)" })).toEqual(["kept", "binned"]);
    expect(await allFiles({ q: "trashed = false", fields: "nextPageToken,files(name)" })).toEqual(["kept"]);
  });

  it("filters by parents, mimeType =/!=, modifiedTime > and and/or/not combinations", async () => {
    const folder = standIn.addFolder({ name: "Policies" });
    standIn.addDoc({ name: "leave", markdown: "x", parent: folder.id });
    standIn.addFile({
      name: "scan.pdf",
      mimeType: "application/pdf",
      bytes: new Uint8Array([37]),
      parent: folder.id,
    });
    const cut = standIn.now();
    standIn.addDoc({ name: "later", markdown: "x" });
    const names = (q: string) => allFiles({ q, fields: "nextPageToken,files(name)" });
    expect(await names(`'${folder.id}' in parents and trashed = false`)).toEqual(["leave", "scan.pdf"]);
    expect(await names(`'root' in parents and mimeType != '${googleTypes.folder}'`)).toEqual(["later"]);
    expect(await names(`mimeType = 'application/pdf' or name = 'later'`)).toEqual(["scan.pdf", "later"]);
    expect(await names(`modifiedTime > '${cut}'`)).toEqual(["later"]);
    expect(await names(`not name contains 'a' and (mimeType = '${googleTypes.doc}')`)).toEqual([]);
    const error = await api.files.list({ q: "title = 'x'" }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      status: 400,
      response: { data: { error: { errors: [{ reason: "invalid", location: "q" }] } } },
    });
  });

  it("lists shared drives only with supportsAllDrives + includeItemsFromAllDrives; corpora drive and allDrives", async () => {
    const drive = standIn.addDrive({ name: "Engineering" });
    standIn.addDoc({ name: "mine", markdown: "x" });
    standIn.addDoc({ name: "team", markdown: "x", driveId: drive.id });
    const fields = "nextPageToken,files(name,driveId)";
    expect(await allFiles({ fields })).toEqual(["mine"]);
    const both = { supportsAllDrives: true, includeItemsFromAllDrives: true };
    expect(await allFiles({ ...both, corpora: "allDrives", fields })).toEqual(["mine", "team"]);
    expect(await allFiles({ ...both, corpora: "drive", driveId: drive.id, fields })).toEqual(["team"]);
    const refused = await api.files
      .list({ corpora: "drive", driveId: drive.id })
      .catch((caught: unknown) => caught);
    expect(refused).toMatchObject({ status: 400 });
    const drives = await api.drives.list({ fields: "nextPageToken,drives(id,name)" });
    expect(drives.data.drives).toEqual([{ id: drive.id, name: "Engineering" }]);
  });

  it("leaves permissions out for shared-drive items: permissions.list has them, inherited from the drive", async () => {
    const drive = standIn.addDrive({
      name: "HR",
      members: [{ type: "group", role: "reader", emailAddress: "hr@example.com" }],
    });
    const doc = standIn.addDoc({ name: "salaries", markdown: "x", driveId: drive.id });
    standIn.share(doc.id, { type: "user", role: "reader", emailAddress: "carol@example.com" });
    const { data } = await api.files.list({
      corpora: "drive",
      driveId: drive.id,
      supportsAllDrives: true,
      includeItemsFromAllDrives: true,
      fields: "files(id,permissions(type,emailAddress),permissionIds)",
    });
    expect(data.files?.[0]?.permissions).toBeUndefined();
    const listed = await api.permissions.list({
      fileId: doc.id,
      supportsAllDrives: true,
      fields: "permissions(type,emailAddress,role,permissionDetails)",
    });
    expect(listed.data.permissions).toEqual([
      {
        type: "group",
        emailAddress: "hr@example.com",
        role: "reader",
        permissionDetails: [
          { permissionType: "member", role: "reader", inherited: true, inheritedFrom: drive.id },
        ],
      },
      { type: "user", emailAddress: "carol@example.com", role: "reader" },
    ]);
    const hidden = await api.files.get({ fileId: doc.id }).catch((caught: unknown) => caught);
    expect(hidden).toMatchObject({
      status: 404,
      response: { data: { error: { errors: [{ reason: "notFound" }] } } },
    });
  });

  it("says incompleteSearch: true and leaves files out, once (failNext) or from now on", async () => {
    standIn.addDoc({ name: "a", markdown: "x" });
    const skipped = standIn.addDoc({ name: "b", markdown: "x" });
    standIn.failNext("files.list", { incompleteSearch: true, omit: [skipped.id] });
    const fields = "incompleteSearch,files(name)";
    expect((await api.files.list({ fields })).data).toEqual({
      incompleteSearch: true,
      files: [{ name: "a" }],
    });
    expect((await api.files.list({ fields })).data).toEqual({
      incompleteSearch: false,
      files: [{ name: "a" }, { name: "b" }],
    });
    standIn.setIncompleteSearch([]);
    expect((await api.files.list({ fields })).data.incompleteSearch).toBe(true);
  });
});
