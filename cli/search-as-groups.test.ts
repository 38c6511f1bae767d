import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "#shared/db/open-database.ts";
import type { DocumentAccess, SourceDocument } from "#shared/knowledge/document.ts";
import { createOllamaEmbedder } from "#shared/knowledge/embed/ollama-embedder.ts";
import { indexDocuments } from "#shared/knowledge/index-documents.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import { createQdrantStore } from "#shared/knowledge/store/qdrant-store.ts";
import { writeStandInServiceAccountKey } from "#test/drive/stand-in-directory-key.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type DriveStandIn, startDriveStandIn } from "#test/stand-ins/drive/drive-server.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { type QdrantStandIn, startQdrantStandIn } from "#test/stand-ins/qdrant-server.ts";

const workspaceId = "acme";

function doc(externalId: string, title: string, content: string, access: DocumentAccess): SourceDocument {
  const url = `https://drive.test/${externalId}`;
  return { workspaceId, source: "drive", externalId, title, url, updatedAt: new Date(), content, access };
}

const documents = [
  doc("roadmap", "Team roadmap", "# Team roadmap\n\nThe wombat launch ships in March.", {
    groups: ["team@example.com"],
  }),
  doc("faq", "Wombat FAQ", "# Wombat FAQ\n\nAnyone may ask about the wombat launch.", { public: true }),
];

/** `--as` with group expansion: a file shared only with team@ reaches team@'s members, nobody else. */
describe.each(["lancedb", "qdrant"] as const)("sabio search --as with Workspace groups (%s)", (backend) => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let ollama: OllamaStandIn;
  let qdrant: QdrantStandIn | undefined;
  let drive: DriveStandIn;
  let env: Record<string, string>;
  let keyFile: string;

  beforeAll(async () => {
    temp = await makeTempDir();
    ollama = await startOllamaStandIn();
    ({ path: keyFile } = await writeStandInServiceAccountKey(temp.path));
    const dataDir = join(temp.path, "data");
    env = { DATA_DIR: dataDir, OLLAMA_HOST: ollama.host };
    if (backend === "qdrant") {
      qdrant = await startQdrantStandIn();
      env = { ...env, VECTOR_STORE: "qdrant", QDRANT_URL: qdrant.url };
    }
    const database = await openDatabase({ dataDir });
    const store = qdrant
      ? createQdrantStore({ url: qdrant.url, dimensions: 256 })
      : createLanceDbStore({ directory: join(dataDir, "lancedb"), dimensions: 256 });
    const embedder = createOllamaEmbedder({ host: ollama.host, dimensions: 256 });
    await indexDocuments(
      { database, store, embedder, logger: silentLogger() },
      { workspaceId, source: "drive", documents, complete: true },
    );
    await store.close();
    await database.close();
  });
  afterAll(async () => {
    await qdrant?.close();
    await ollama?.stop();
    await temp?.remove();
  });
  beforeEach(async () => {
    drive = await startDriveStandIn();
    drive.addGroup({ email: "team@example.com", members: ["member@example.com"] });
  });
  afterEach(() => drive.close());

  const directoryEnv = () => ({
    GOOGLE_SERVICE_ACCOUNT_FILE: keyFile,
    GOOGLE_DRIVE_SUBJECT: "admin@example.com",
    GOOGLE_API_URL: drive.rootUrl,
    GOOGLE_TOKEN_URL: drive.tokenUrl,
    SABIO_WORKSPACE: "elsewhere",
  });
  const titles = async (as: string[], extraEnv: Record<string, string> = {}) => {
    const run = await runSabio(["search", "wombat launch", "--workspace", workspaceId, ...as, "--json"], {
      ...env,
      ...extraEnv,
    });
    expect(run.code).toBe(0);
    return (JSON.parse(run.stdout).results as { title: string }[]).map((result) => result.title).sort();
  };

  it("finds the team's file --as a member when the directory says so, never --as an outsider", async () => {
    expect(await titles(["--as", "member@example.com"], directoryEnv())).toEqual([
      "Team roadmap",
      "Wombat FAQ",
    ]);
    const asked = drive.callsTo("directory.groups.list");
    expect(asked.map((call) => [call.query.userKey, call.principal, call.status])).toEqual([
      ["member@example.com", "admin@example.com", 200],
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
