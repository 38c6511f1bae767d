import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { writeStandInServiceAccountKey } from "#test/drive/stand-in-directory-key.ts";
import { captureLogger } from "#test/helpers/queue-test-kit.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type DriveStandIn, startDriveStandIn } from "#test/stand-ins/drive/drive-server.ts";
import type { ServiceAccountKey } from "../client/drive-credential.ts";
import { createGroupDirectory, type GroupDirectorySettings } from "./create-group-directory.ts";
import { directoryGroupScope } from "./directory-auth.ts";
import { maxLookUpRequests } from "./list-member-groups.ts";

describe("createGroupDirectory against the stand-in Directory API", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let key: ServiceAccountKey;
  let standIn: DriveStandIn;
  let clock: number;
  let captured: ReturnType<typeof captureLogger>;

  beforeAll(async () => {
    temp = await makeTempDir();
    ({ key } = await writeStandInServiceAccountKey(temp.path));
  });
  afterAll(() => temp.remove());
  beforeEach(async () => {
    standIn = await startDriveStandIn();
    clock = Date.parse("2026-03-01T09:00:00.000Z");
    captured = captureLogger();
  });
  afterEach(() => standIn.close());

  const directory = (extra: Partial<GroupDirectorySettings> = {}) =>
    createGroupDirectory({
      credential: { kind: "service-account", key, subject: "admin@example.com" },
      apiUrl: standIn.rootUrl,
      tokenUrl: standIn.tokenUrl,
      logger: captured.logger,
      now: () => clock,
      retry: { initialRetryDelayMs: 1, maxRetryDelayMs: 1 },
      ...extra,
    });
  const warnings = () => captured.lines.filter((line) => line.level === 40);

  it("lists every page of a member's groups, asks once about each, as the subject, with the read-only group scope", async () => {
    for (let index = 0; index < 450; index += 1) {
      standIn.addGroup({
        email: `team-${String(index).padStart(3, "0")}@example.com`,
        members: ["member@example.com"],
      });
    }
    standIn.addGroup({ email: "other@example.com", members: ["someone@example.com"] });

    const groups = await directory().groupsOf("Member@Example.com");

    expect(groups).toHaveLength(450);
    expect(groups[0]).toBe("team-000@example.com");
    expect(groups).not.toContain("other@example.com");
    const calls = standIn.callsTo("directory.groups.list");
    const aboutMember = calls.filter((call) => call.query.userKey === "member@example.com");
    expect(aboutMember.map((call) => call.status)).toEqual([200, 200, 200]);
    const aboutGroups = calls.filter((call) => call.query.userKey !== "member@example.com");
    expect(new Set(aboutGroups.map((call) => call.query.userKey))).toEqual(new Set(groups));
    expect(aboutGroups).toHaveLength(450);
    expect(calls.every((call) => call.principal === "admin@example.com" && call.status === 200)).toBe(true);
    expect(standIn.tokenGrants).toEqual([
      expect.objectContaining({
        grantType: "jwt-bearer",
        issuer: key.client_email,
        subject: "admin@example.com",
        scope: directoryGroupScope,
      }),
    ]);
  });

  it("follows groups inside groups: a member of eng@, itself in all@, is in both", async () => {
    standIn.addGroup({ email: "all@example.com", members: ["eng@example.com", "boss@example.com"] });
    standIn.addGroup({ email: "eng@example.com", members: ["member@example.com"] });
    standIn.addGroup({ email: "company@example.com", members: ["ALL@example.com"] });
    standIn.addGroup({ email: "sales@example.com", members: ["seller@example.com"] });

    expect(await directory().groupsOf("member@example.com")).toEqual([
      "all@example.com",
      "company@example.com",
      "eng@example.com",
    ]);
    expect(standIn.callsTo("directory.groups.list").map((call) => call.query.userKey)).toEqual([
      "member@example.com",
      "eng@example.com",
      "all@example.com",
      "company@example.com",
    ]);
    expect(await directory().groupsOf("boss@example.com")).toEqual([
      "all@example.com",
      "company@example.com",
    ]);
  });

  it("ends at a cycle (a@ in b@, b@ in a@), asking about each group once", async () => {
    standIn.addGroup({ email: "a@example.com", members: ["member@example.com", "b@example.com"] });
    standIn.addGroup({ email: "b@example.com", members: ["a@example.com"] });
    standIn.addGroup({ email: "self@example.com", members: ["self@example.com", "a@example.com"] });

    expect(await directory().groupsOf("member@example.com")).toEqual([
      "a@example.com",
      "b@example.com",
      "self@example.com",
    ]);
    expect(standIn.callsTo("directory.groups.list").map((call) => call.query.userKey)).toEqual([
      "member@example.com",
      "a@example.com",
      "b@example.com",
      "self@example.com",
    ]);
    expect(warnings()).toEqual([]);
  });

  it("stops after its request budget, logs the cut, and caches what it found", async () => {
    // A chain deeper than the budget: member@ in g000@, g000@ in g001@, …
    const depth = maxLookUpRequests + 5;
    const name = (index: number) => `g${String(index).padStart(3, "0")}@example.com`;
    for (let index = 0; index < depth; index += 1) {
      standIn.addGroup({
        email: name(index),
        members: [index === 0 ? "member@example.com" : name(index - 1)],
      });
    }
    const groups = directory({ ttlMs: 60_000 });

    const found = await groups.groupsOf("member@example.com");
    expect(found).toHaveLength(maxLookUpRequests);
    expect(found.at(-1)).toBe(name(maxLookUpRequests - 1));
    expect(standIn.callsTo("directory.groups.list")).toHaveLength(maxLookUpRequests);
    expect(warnings()).toEqual([
      expect.objectContaining({ groupsFound: maxLookUpRequests, maxRequests: maxLookUpRequests }),
    ]);
    expect(await groups.groupsOf("member@example.com")).toEqual(found);
    expect(standIn.callsTo("directory.groups.list")).toHaveLength(maxLookUpRequests);
  });

  it("answers from its cache for the ttl, shares one look-up between concurrent asks, then asks again", async () => {
    standIn.addGroup({ email: "team@example.com", members: ["member@example.com"] });
    const groups = directory({ ttlMs: 60_000 });
    // Each look-up asks about the member, then about each group found.
    const lookUps = () =>
      standIn.callsTo("directory.groups.list").filter((call) => call.query.userKey === "member@example.com")
        .length;

    const [first, second] = await Promise.all([
      groups.groupsOf("member@example.com"),
      groups.groupsOf("member@example.com"),
    ]);
    expect(first).toEqual(["team@example.com"]);
    expect(second).toEqual(["team@example.com"]);
    clock += 59_000;
    expect(await groups.groupsOf("MEMBER@example.com")).toEqual(["team@example.com"]);
    expect(lookUps()).toBe(1);

    standIn.addGroup({ email: "new@example.com", members: ["member@example.com"] });
    clock += 2_000;
    expect(await groups.groupsOf("member@example.com")).toEqual(["new@example.com", "team@example.com"]);
    expect(lookUps()).toBe(2);
  });

  it("gives [] when the subject is no admin, logging once a minute, and uncached so a fix shows at once", async () => {
    standIn.addGroup({ email: "team@example.com", members: ["member@example.com"] });
    standIn.setDirectoryAdmins([]);
    const groups = directory();

    expect(await groups.groupsOf("member@example.com")).toEqual([]);
    expect(await groups.groupsOf("member@example.com")).toEqual([]);
    expect(standIn.callsTo("directory.groups.list 403").map((call) => call.reason)).toEqual([
      "forbidden",
      "forbidden",
    ]);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({ failures: 1, hint: expect.stringContaining(directoryGroupScope) });

    clock += 60_000;
    expect(await groups.groupsOf("member@example.com")).toEqual([]);
    expect(warnings()).toHaveLength(2);
    expect(warnings()[1]).toMatchObject({ failures: 2 });

    standIn.setDirectoryAdmins(["admin@example.com"]);
    expect(await groups.groupsOf("member@example.com")).toEqual(["team@example.com"]);
  });

  it("gives [] after a 5xx it retried once, and [] when the key can't be loaded", async () => {
    standIn.addGroup({ email: "team@example.com", members: ["member@example.com"] });
    standIn.failNext("directory.groups.list", { status: 503 }, 2);
    expect(await directory().groupsOf("member@example.com")).toEqual([]);
    expect(standIn.callsTo("directory.groups.list 503")).toHaveLength(2);

    const broken = directory({
      credential: () => Promise.reject(new Error("GOOGLE_SERVICE_ACCOUNT_FILE: cannot read")),
    });
    expect(await broken.groupsOf("member@example.com")).toEqual([]);
    expect(warnings().at(-1)).toMatchObject({ err: expect.stringContaining("cannot read") });
  });

  it("asks nothing for an address that is no email", async () => {
    expect(await directory().groupsOf("not-an-email")).toEqual([]);
    expect(standIn.calls).toHaveLength(0);
  });
});
