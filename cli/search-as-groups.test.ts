import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { writeStandInServiceAccountKey } from "#test/drive/stand-in-directory-key.ts";
import { driveDocument, searchTitles, useIndexedDataDir } from "#test/helpers/indexed-data-dir.ts";
import { type DriveStandIn, startDriveStandIn } from "#test/stand-ins/drive/drive-server.ts";

const documents = [
  driveDocument("roadmap", "Team roadmap", "# Team roadmap\n\nThe wombat launch ships in March.", {
    groups: ["team@example.com"],
  }),
  driveDocument("faq", "Wombat FAQ", "# Wombat FAQ\n\nAnyone may ask about the wombat launch.", {
    public: true,
  }),
];

/**
 * `--as` with group expansion: a file shared only with team@ reaches team@'s members, nobody else —
 * members through a group inside team@ (eng@) included.
 */
describe.each(["lancedb", "qdrant"] as const)("sabio search --as with Workspace groups (%s)", (backend) => {
  const indexed = useIndexedDataDir(backend, documents);
  let drive: DriveStandIn;
  let keyFile: string;

  beforeAll(async () => {
    ({ path: keyFile } = await writeStandInServiceAccountKey(indexed().tempPath));
  });
  beforeEach(async () => {
    drive = await startDriveStandIn();
    drive.addGroup({ email: "team@example.com", members: ["eng@example.com"] });
    drive.addGroup({ email: "eng@example.com", members: ["member@example.com"] });
  });
  afterEach(() => drive.close());

  const directoryEnv = () => ({
    GOOGLE_SERVICE_ACCOUNT_FILE: keyFile,
    GOOGLE_DRIVE_SUBJECT: "admin@example.com",
    GOOGLE_API_URL: drive.rootUrl,
    GOOGLE_TOKEN_URL: drive.tokenUrl,
    SABIO_WORKSPACE: "elsewhere",
  });
  const titles = (as: string[], extraEnv: Record<string, string> = {}) =>
    searchTitles({ ...indexed().env, ...extraEnv }, "wombat launch", as);

  it("finds the team's file --as a member of eng@ inside team@ when the directory says so, never --as an outsider", async () => {
    expect(await titles(["--as", "member@example.com"], directoryEnv())).toEqual([
      "Team roadmap",
      "Wombat FAQ",
    ]);
    const asked = drive.callsTo("directory.groups.list");
    expect(asked.map((call) => [call.query.userKey, call.principal, call.status])).toEqual([
      ["member@example.com", "admin@example.com", 200],
      ["eng@example.com", "admin@example.com", 200],
      ["team@example.com", "admin@example.com", 200],
    ]);
    expect(await titles(["--as", "outsider@example.com"], directoryEnv())).toEqual(["Wombat FAQ"]);
  });

  it("without the directory, a file shared only with a group is the operator's alone", async () => {
    expect(await titles(["--as", "member@example.com"])).toEqual(["Wombat FAQ"]);
    expect(await titles([])).toEqual(["Team roadmap", "Wombat FAQ"]);
    expect(drive.calls).toHaveLength(0);
  });

  it("answers without the group when the directory refuses (subject no admin), exit 0", async () => {
    drive.setDirectoryAdmins([]);
    expect(await titles(["--as", "member@example.com"], directoryEnv())).toEqual(["Wombat FAQ"]);
    expect(drive.callsTo("directory.groups.list 403")).toHaveLength(1);
  });
});
