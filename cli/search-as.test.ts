import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "#shared/db/open-database.ts";
import type { DocumentAccess, SourceDocument } from "#shared/knowledge/document.ts";
import { createOllamaEmbedder } from "#shared/knowledge/embed/ollama-embedder.ts";
import { indexDocuments } from "#shared/knowledge/index-documents.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import { createQdrantStore } from "#shared/knowledge/store/qdrant-store.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { type QdrantStandIn, startQdrantStandIn } from "#test/stand-ins/qdrant-server.ts";

const workspaceId = "acme";

function doc(externalId: string, title: string, content: string, access: DocumentAccess): SourceDocument {
  const url = `https://drive.test/${externalId}`;
  return { workspaceId, source: "drive", externalId, title, url, updatedAt: new Date(), content, access };
}

/** What a Drive sync will produce; no connector sets access yet, so the test indexes it directly. */
const documents = [
  doc("bob", "Bob salary review", "# Bob salary review\n\nThe wombat bonus for Bob is paid in June.", {
    users: ["bob@example.com"],
  }),
  doc("handbook", "Wombat handbook", "# Wombat handbook\n\nThe wombat bonus schedule is set by finance.", {
    domains: ["example.com"],
  }),
  doc("faq", "Wombat FAQ", "# Wombat FAQ\n\nAnyone may ask finance about the wombat bonus.", {
    public: true,
  }),
];

describe.each(["lancedb", "qdrant"] as const)("sabio search/ask --as <email> (%s)", (backend) => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let ollama: OllamaStandIn;
  let qdrant: QdrantStandIn | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    temp = await makeTempDir();
    ollama = await startOllamaStandIn();
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
    const logger = silentLogger();
    await indexDocuments(
      { database, store, embedder, logger },
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

  const titles = async (as: string[], extraEnv: Record<string, string> = {}) => {
    const run = await runSabio(["search", "wombat bonus", "--workspace", workspaceId, ...as, "--json"], {
      ...env,
      ...extraEnv,
    });
    expect(run.code).toBe(0);
    return (JSON.parse(run.stdout).results as { title: string }[]).map((result) => result.title).sort();
  };

  it("finds a document shared only with bob --as bob@example.com, and never --as alice@example.com", async () => {
    expect(await titles(["--as", "bob@example.com"])).toEqual([
      "Bob salary review",
      "Wombat FAQ",
      "Wombat handbook",
    ]);
    expect(await titles(["--as", "Bob@Example.COM"])).toContain("Bob salary review");
    expect(await titles(["--as", "alice@example.com"])).toEqual(["Wombat FAQ", "Wombat handbook"]);
    expect(await titles(["--as", "carol@other.com"])).toEqual(["Wombat FAQ"]);
    // Without --as the CLI is the operator: everything.
    expect(await titles([])).toEqual(["Bob salary review", "Wombat FAQ", "Wombat handbook"]);
  });

  it("answers --as alice without bob's passage anywhere, and --as bob from it", async () => {
    const question = ["ask", "When is the wombat bonus for Bob paid?", "--workspace", workspaceId, "--json"];
    const alice = await runSabio([...question, "--as", "alice@example.com"], env);
    expect(alice.code).toBe(0);
    expect(alice.stdout).not.toContain("June");
    expect(alice.stdout).not.toContain("Bob salary review");
    const bob = await runSabio([...question, "--as", "bob@example.com"], env);
    expect(bob.code).toBe(0);
    expect(bob.stdout).toContain("Bob salary review");
  });

  it("with DRIVE_ACCESS=workspace, --as restricts nothing and says so", async () => {
    const run = await runSabio(
      ["search", "wombat bonus", "--workspace", workspaceId, "--as", "carol@other.com", "--json"],
      { ...env, DRIVE_ACCESS: "workspace" },
    );
    expect(JSON.parse(run.stdout).results).toHaveLength(3);
    expect(run.notes).toContain("DRIVE_ACCESS=workspace");
  });

  it("refuses an --as that is not an email address (exit 2, the usage line)", async () => {
    const run = await runSabio(["search", "wombat", "--workspace", workspaceId, "--as", "bob"], env);
    expect(run.code).toBe(2);
    expect(run.notes).toContain("--as needs an email address");
    expect(run.notes).toContain("[--as <email>]");
  });
});
