import type { drive_v3 } from "@googleapis/drive";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DriveStandIn, startDriveStandIn } from "./drive-server.ts";
import { connectedDrive } from "./stand-in-client.ts";

describe("Drive stand-in sharing and folders, through the real client", () => {
  let standIn: DriveStandIn;
  let api: drive_v3.Drive;

  beforeEach(async () => {
    standIn = await startDriveStandIn();
    ({ api } = await connectedDrive(standIn));
  });
  afterEach(() => standIn.close());

  it("answers user, group, domain and anyone-with-the-link permissions in Drive's shape", async () => {
    const doc = standIn.addDoc({
      name: "Plan",
      markdown: "x",
      permissions: [
        { type: "group", role: "writer", emailAddress: "eng@example.com" },
        { type: "domain", role: "reader", domain: "example.com", allowFileDiscovery: true },
        { type: "anyone", role: "reader" },
      ],
    });
    const { data } = await api.files.get({
      fileId: doc.id,
      fields: "permissions(id,type,role,emailAddress,domain,allowFileDiscovery)",
    });
    expect(data.permissions).toEqual([
      { id: standIn.account.permissionId, type: "user", role: "owner", emailAddress: "admin@example.com" },
      {
        id: expect.stringMatching(/^\d{20}$/),
        type: "group",
        role: "writer",
        emailAddress: "eng@example.com",
      },
      {
        id: expect.stringMatching(/^\d{20}$/),
        type: "domain",
        role: "reader",
        domain: "example.com",
        allowFileDiscovery: true,
      },
      { id: "anyoneWithLink", type: "anyone", role: "reader", allowFileDiscovery: false },
    ]);
  });

  it("finds files by reader and forgets an unshared one, recording both in the feed", async () => {
    const doc = standIn.addDoc({ name: "Plan", markdown: "x" });
    const readers = () =>
      api.files
        .list({ q: "'bob@example.com' in readers", fields: "files(name)" })
        .then(({ data }) => data.files);
    expect(await readers()).toEqual([]);
    const token = standIn.startPageToken();
    standIn.share(doc.id, { type: "user", role: "reader", emailAddress: "bob@example.com" });
    expect(await readers()).toEqual([{ name: "Plan" }]);
    standIn.unshare(doc.id, "bob@example.com");
    expect(await readers()).toEqual([]);
    const { data } = await api.changes.list({
      pageToken: token,
      fields: "changes(fileId,file(permissionIds))",
    });
    expect(data.changes).toEqual([
      { fileId: doc.id, file: { permissionIds: [standIn.account.permissionId] } },
    ]);
  });

  it("trashes a folder's contents with it (not explicitly), and deletes them with it", async () => {
    const folder = standIn.addFolder({ name: "Old" });
    const inside = standIn.addDoc({ name: "inside", markdown: "x", parent: folder.id });
    standIn.trash(folder.id);
    const { data } = await api.files.get({ fileId: inside.id, fields: "trashed,explicitlyTrashed" });
    expect(data).toEqual({ trashed: true, explicitlyTrashed: false });
    expect((await api.files.list({ q: "trashed = false", fields: "files(id)" })).data.files).toEqual([]);
    const token = standIn.startPageToken();
    standIn.remove(folder.id);
    const changes = await api.changes.list({ pageToken: token, fields: "changes(fileId,removed)" });
    expect(changes.data.changes).toEqual([
      { fileId: inside.id, removed: true },
      { fileId: folder.id, removed: true },
    ]);
    const gone = await api.files.get({ fileId: inside.id }).catch((error: unknown) => error);
    expect(gone).toMatchObject({ status: 404 });
  });
});
