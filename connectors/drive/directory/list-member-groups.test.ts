import { admin, type admin_directory_v1 } from "@googleapis/admin";
import { OAuth2Client } from "google-auth-library";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DriveStandIn, startDriveStandIn } from "#test/stand-ins/drive/drive-server.ts";
import { directoryGroupScope } from "./directory-auth.ts";
import { listMemberGroups } from "./list-member-groups.ts";

describe("listMemberGroups against the stand-in Directory API", () => {
  let standIn: DriveStandIn;

  beforeEach(async () => {
    standIn = await startDriveStandIn();
  });
  afterEach(() => standIn.close());

  /** The real client; `beforeRequest` sees each request's URL before it is sent. */
  const client = (beforeRequest: (url: URL) => void = () => {}): admin_directory_v1.Admin => {
    const auth = new OAuth2Client();
    auth.setCredentials({
      access_token: standIn.mintAccessToken("admin@example.com", directoryGroupScope),
      expiry_date: Date.now() + 3_600_000,
    });
    return admin({
      version: "directory_v1",
      rootUrl: standIn.rootUrl,
      auth,
      retry: false,
      fetchImplementation: (input, init) => {
        beforeRequest(new URL(input instanceof Request ? input.url : String(input)));
        return fetch(input, init);
      },
    });
  };
  const chain = (length: number) => {
    for (let index = 0; index < length; index += 1) {
      standIn.addGroup({
        email: `g${index}@example.com`,
        members: [index === 0 ? "member@example.com" : `g${index - 1}@example.com`],
      });
    }
  };

  it("follows every page of a group's own groups", async () => {
    standIn.addGroup({ email: "eng@example.com", members: ["member@example.com"] });
    for (let index = 0; index < 250; index += 1) {
      standIn.addGroup({
        email: `p${String(index).padStart(3, "0")}@example.com`,
        members: ["eng@example.com"],
      });
    }

    const { groups, truncated } = await listMemberGroups(client(), "Member@Example.com");

    expect(truncated).toBe(false);
    expect(groups).toHaveLength(251);
    expect(groups.slice(0, 2)).toEqual(["eng@example.com", "p000@example.com"]);
    const aboutEng = standIn
      .callsTo("directory.groups.list")
      .filter((call) => call.query.userKey === "eng@example.com");
    expect(aboutEng).toHaveLength(2);
  });

  it("stops when its request budget runs out, keeping what it found", async () => {
    chain(10);
    expect(await listMemberGroups(client(), "member@example.com", 4)).toEqual({
      groups: ["g0@example.com", "g1@example.com", "g2@example.com", "g3@example.com"],
      truncated: true,
    });
    expect(standIn.callsTo("directory.groups.list")).toHaveLength(4);
    expect((await listMemberGroups(client(), "member@example.com", 11)).truncated).toBe(false);
  });

  it("rejects when a nested look-up fails, rather than answer half an expansion", async () => {
    chain(3);
    const api = client((url) => {
      if (url.searchParams.get("userKey") === "g0@example.com")
        standIn.failNext("directory.groups.list", { status: 503 });
    });
    await expect(listMemberGroups(api, "member@example.com")).rejects.toMatchObject({ status: 503 });
    expect(standIn.callsTo("directory.groups.list").map((call) => [call.query.userKey, call.status])).toEqual(
      [
        ["member@example.com", 200],
        ["g0@example.com", 503],
      ],
    );
  });
});
