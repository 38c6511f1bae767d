import { admin, type admin_directory_v1 } from "@googleapis/admin";
import { OAuth2Client } from "google-auth-library";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DriveStandIn, startDriveStandIn } from "./drive-server.ts";

const groupScope = "https://www.googleapis.com/auth/admin.directory.group.readonly";

describe("Drive stand-in Directory API groups.list, through the real @googleapis/admin client", () => {
  let standIn: DriveStandIn;

  beforeEach(async () => {
    standIn = await startDriveStandIn();
  });
  afterEach(() => standIn.close());

  const client = (principal = "admin@example.com", scope = groupScope): admin_directory_v1.Admin => {
    const auth = new OAuth2Client();
    auth.setCredentials({
      access_token: standIn.mintAccessToken(principal, scope),
      expiry_date: Date.now() + 3_600_000,
    });
    return admin({ version: "directory_v1", rootUrl: standIn.rootUrl, auth, retry: false });
  };
  const reasonOf = (error: unknown) =>
    (error as { response?: { status: number; data: { error: { errors: { reason: string }[] } } } }).response;

  it("pages a user's direct groups with maxResults and nextPageToken, in Google's shape", async () => {
    standIn.addGroup({ email: "Eng@example.com", name: "Engineering", members: ["member@example.com"] });
    standIn.addGroup({ email: "ops@example.com", members: ["member@example.com", "other@example.com"] });
    standIn.addGroup({ email: "all@example.com", members: ["eng@example.com"] });
    const api = client();

    const first = await api.groups.list({ userKey: "member@example.com", maxResults: 1 });
    expect(first.data).toMatchObject({
      kind: "admin#directory#groups",
      groups: [
        {
          kind: "admin#directory#group",
          email: "eng@example.com",
          name: "Engineering",
          directMembersCount: "1",
          id: expect.stringMatching(/^0[0-9a-f]{16}$/),
        },
      ],
    });
    const second = await api.groups.list({
      userKey: "member@example.com",
      maxResults: 1,
      pageToken: first.data.nextPageToken ?? "",
      fields: "nextPageToken,groups(email)",
    });
    expect(second.data).toEqual({ groups: [{ email: "ops@example.com" }] });
    expect(standIn.callsTo("directory.groups.list")).toHaveLength(2);

    const none = await api.groups.list({ userKey: "nobody@example.com" });
    expect(none.data.groups).toBeUndefined();
  });

  it("lists, for a group's email as userKey, the groups that group is a direct member of", async () => {
    standIn.addGroup({ email: "eng@example.com", members: ["member@example.com"] });
    standIn.addGroup({ email: "all@example.com", members: ["eng@example.com", "boss@example.com"] });
    standIn.addGroup({ email: "everyone@example.com", members: ["all@example.com"] });
    const api = client();
    const emails = async (userKey: string) =>
      (await api.groups.list({ userKey })).data.groups?.map((group) => group.email);

    expect(await emails("member@example.com")).toEqual(["eng@example.com"]);
    expect(await emails("ENG@example.com")).toEqual(["all@example.com"]);
    // One level only, as Google answers: everyone@ comes from asking about all@.
    expect(await emails("all@example.com")).toEqual(["everyone@example.com"]);
    expect(await emails("everyone@example.com")).toBeUndefined();
  });

  it("answers 403 to a token without a group scope, and to a subject who is no admin", async () => {
    await expect(
      client("admin@example.com", "https://www.googleapis.com/auth/drive.readonly").groups.list({
        userKey: "member@example.com",
      }),
    ).rejects.toSatisfy(
      (error) => reasonOf(error)?.data.error.errors[0]?.reason === "insufficientPermissions",
    );
    await expect(client("bob@example.com").groups.list({ userKey: "member@example.com" })).rejects.toSatisfy(
      (error) =>
        reasonOf(error)?.status === 403 && reasonOf(error)?.data.error.errors[0]?.reason === "forbidden",
    );
    expect(standIn.callsTo("directory.groups.list 403")).toHaveLength(2);
  });

  it("refuses a listing with neither userKey, customer nor domain, and an out-of-range maxResults", async () => {
    await expect(client().groups.list({})).rejects.toSatisfy((error) => reasonOf(error)?.status === 400);
    await expect(client().groups.list({ userKey: "a@example.com", maxResults: 201 })).rejects.toSatisfy(
      (error) => reasonOf(error)?.data.error.errors[0]?.reason === "invalidParameter",
    );
  });
});
