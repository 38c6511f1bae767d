import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFolder } from "#connectors/files/ingest-folder.ts";
import { upsertDocuments } from "#shared/db/document-repository.ts";
import { openDatabase } from "#shared/db/open-database.ts";
import { listIndexedSourceDocuments } from "#shared/db/source-connection-repository.ts";
import { ensureWorkspace } from "#shared/db/workspace-repository.ts";
import { buildChunkRecords } from "#shared/knowledge/build-chunk-records.ts";
import { contentHash } from "#shared/knowledge/content-hash.ts";
import { documentId } from "#shared/knowledge/ids.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import { makePdf } from "#test/fixtures/make-fixture-files.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";

/** Findings 9 and 10, "Folders are sources", "Folder sources get links". */
describe("folders are sources", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let ollama: OllamaStandIn;
  let env: Record<string, string>;

  beforeAll(async () => {
    temp = await makeTempDir();
    ollama = await startOllamaStandIn();
    env = { DATA_DIR: join(temp.path, "data"), OLLAMA_HOST: ollama.host };
  });

  afterAll(async () => {
    await ollama?.stop();
    await temp?.remove();
  });

  const sabio = async (argv: string[]) => {
    const run = await runSabio(argv, env);
    return { ...run, json: () => JSON.parse(run.stdout) };
  };
  const search = async (workspace: string, query: string) =>
    (await sabio(["search", query, "--workspace", workspace, "--json"])).json().results as {
      url: string;
      text: string;
    }[];
  const sources = async (workspace: string) =>
    (await sabio(["sources", "--workspace", workspace, "--json"])).json().sources as Record<
      string,
      unknown
    >[];

  async function wiki(name: string, files: Record<string, string>): Promise<string> {
    const root = join(temp.path, name);
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(root, path, ".."), { recursive: true });
      await writeFile(join(root, path), text);
    }
    return root;
  }

  it("a moved folder re-pointed with --source: one copy, nothing embedded again, the new path listed", async () => {
    const old = await wiki("wiki-old", {
      "expenses.md": "# Expenses\n\nTaxi receipts are reimbursed within a fortnight.\n",
      "guide/setup.md": "# Setup\n\nInstall the badger toolkit before your first day.\n",
    });
    const first = (await sabio(["ingest", old, "--workspace", "move", "--json"])).json();
    expect(first).toMatchObject({ documents: 2, deleted: 0, path: old });
    expect(first.source).toMatch(/^files-/);
    expect(first.embedded).toBeGreaterThan(0);

    const moved = join(temp.path, "wiki-new");
    await rename(old, moved);
    const embedsBefore = ollama.requestsTo("/api/embed").length;
    const again = await sabio(["ingest", moved, "--workspace", "move", "--source", first.source, "--json"]);
    expect(again.code).toBe(0);
    expect(again.json()).toMatchObject({
      source: first.source,
      path: moved,
      movedFrom: old,
      documents: 2,
      unchanged: 2,
      chunks: 0,
      embedded: 0,
      deleted: 0,
    });
    expect(ollama.requestsTo("/api/embed").length).toBe(embedsBefore);

    const hits = await search("move", "taxi receipts reimbursed");
    expect(hits.filter((hit) => hit.text.includes("Taxi receipts"))).toHaveLength(1);
    expect(await sources("move")).toEqual([
      expect.objectContaining({
        id: first.source,
        kind: "files",
        path: moved,
        documentCount: 2,
        state: "ok",
      }),
    ]);
    const listed = await sabio(["sources", "--workspace", "move"]);
    expect(listed.stdout).toContain(`path: ${moved}`);
    expect(listed.stdout).toMatch(/last ingest: \d{4}-/);
  });

  it("ingesting a connected path again reuses its connection; a new path is a new one; disconnect removes one", async () => {
    const a = await wiki("team-a", { "a.md": "# A\n\nThe aardvark rota is on the wall.\n" });
    const b = await wiki("team-b", { "b.md": "# B\n\nThe bison rota is in the drawer.\n" });
    const first = (await sabio(["ingest", a, "--workspace", "two", "--json"])).json();
    const same = (await sabio(["ingest", a, "--workspace", "two", "--json"])).json();
    const other = (await sabio(["ingest", b, "--workspace", "two", "--json"])).json();
    expect(same.source).toBe(first.source);
    expect(same).toMatchObject({ unchanged: 1, deleted: 0 });
    expect(other.source).not.toBe(first.source);
    expect((await sources("two")).map((source) => source.id)).toEqual([first.source, other.source]);

    // Another folder's connection cannot be pointed at a path that is already connected.
    const clash = await sabio(["ingest", a, "--workspace", "two", "--source", other.source]);
    expect(clash.code).not.toBe(0);
    expect(clash.notes).toContain("already connected");

    const removed = await sabio(["disconnect", "--workspace", "two", "--source", first.source]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain("removed 1 documents");
    expect((await search("two", "aardvark rota")).map((hit) => hit.text).join(" ")).not.toContain("aardvark");
    expect((await search("two", "bison rota")).filter((hit) => hit.text.includes("bison"))).toHaveLength(1);
    expect((await sources("two")).map((source) => source.id)).toEqual([other.source]);

    // sync re-reads a folder source from its path.
    await writeFile(join(b, "c.md"), "# C\n\nThe capybara rota is online.\n");
    const synced = await sabio(["sync", "--workspace", "two", "--source", other.source, "--json"]);
    expect(synced.code).toBe(0);
    expect(synced.json()).toMatchObject({ status: "done", documents: 2, unchanged: 1 });
    expect(
      (await search("two", "capybara rota")).filter((hit) => hit.text.includes("capybara")),
    ).toHaveLength(1);
  });

  it("a file that cannot be read keeps its last good version; only a file really gone is deleted", async () => {
    const root = await wiki("fragile", {
      "policy.md": "# Policy\n\nThe walrus policy allows two remote days.\n",
      "gone.md": "# Gone\n\nThe narwhal page is leaving soon.\n",
    });
    const first = (await sabio(["ingest", root, "--workspace", "fragile", "--json"])).json();
    expect(first.documents).toBe(2);

    const database = await openDatabase({ dataDir: env.DATA_DIR ?? "" });
    const store = createLanceDbStore({ directory: join(env.DATA_DIR ?? "", "lancedb"), dimensions: 256 });
    try {
      await rm(join(root, "gone.md"));
      const result = await ingestFolder(
        {
          database,
          store,
          embedder: null,
          logger: silentLogger(),
          readBytes: async (path) => {
            if (path.endsWith("policy.md")) throw Object.assign(new Error("locked"), { code: "EBUSY" });
            return readFile(path);
          },
        },
        { workspaceId: "fragile", path: root },
      );
      expect(result.report.deleted).toBe(1);
      expect(result.folder.failed.map((failure) => failure.path).sort()).toEqual(["policy.md"]);
    } finally {
      await store.close();
      await database.close();
    }
    const hits = await search("fragile", "walrus policy remote days");
    expect(hits.map((hit) => hit.text).join(" ")).toContain("two remote days");
    expect((await search("fragile", "narwhal page leaving")).map((hit) => hit.text).join(" ")).not.toContain(
      "narwhal",
    );
  });

  it("the CLI: a PDF caught corrupt is reported failed, still searchable with its old text, 0 deleted", async () => {
    const root = await wiki("cli-fragile", { "faq.md": "# FAQ\n\nThe okapi desk answers on Mondays.\n" });
    await writeFile(
      join(root, "handbook.pdf"),
      await makePdf({ pages: [["The quetzal expense limit is forty euros."]] }),
    );
    const first = (await sabio(["ingest", root, "--workspace", "cli-fragile", "--json"])).json();
    expect(first).toMatchObject({ documents: 2, failed: [] });
    await writeFile(join(root, "handbook.pdf"), Buffer.from("%PDF-1.7 half written"));
    const run = await sabio(["ingest", root, "--workspace", "cli-fragile", "--json"]);
    expect(run.code).toBe(0);
    const report = run.json();
    expect(report).toMatchObject({ documents: 1, deleted: 0, unchanged: 1 });
    expect(report.failed).toEqual([{ path: "handbook.pdf", error: expect.any(String) }]);
    const hits = await search("cli-fragile", "quetzal expense limit");
    expect(hits.map((hit) => hit.text).join(" ")).toContain("forty euros");
  });

  it("--base-url cites published pages, front matter first, and is kept for later ingests", async () => {
    const root = await wiki("docs-site", {
      "guide/setup.md": "# Setup\n\nThe pelican installer needs a licence key.\n",
      "index.md": "# Home\n\nWelcome to the heron handbook.\n",
      "moved.md": "---\npermalink: /policies/leave/\n---\n# Leave\n\nThe ibis leave policy is generous.\n",
      "external.md":
        "---\nurl: https://elsewhere.example.org/egret\n---\n# Egret\n\nThe egret page lives elsewhere.\n",
    });
    const bad = await sabio(["ingest", root, "--workspace", "site", "--base-url", "docs.example.com"]);
    expect(bad.code).toBe(2);
    expect(bad.notes).toContain("--base-url");

    const first = await sabio([
      "ingest",
      root,
      "--workspace",
      "site",
      "--base-url",
      "https://docs.example.com/",
      "--json",
    ]);
    expect(first.code).toBe(0);
    expect(first.json().baseUrl).toBe("https://docs.example.com/");
    const url = async (query: string) => (await search("site", query))[0]?.url;
    expect(await url("pelican installer licence")).toBe("https://docs.example.com/guide/setup");
    expect(await url("heron handbook")).toBe("https://docs.example.com/");
    expect(await url("ibis leave policy")).toBe("https://docs.example.com/policies/leave/");
    expect(await url("egret page elsewhere")).toBe("https://elsewhere.example.org/egret");

    const again = (await sabio(["ingest", root, "--workspace", "site", "--json"])).json();
    expect(again).toMatchObject({ baseUrl: "https://docs.example.com/", unchanged: 4, embedded: 0 });
    expect((await sources("site"))[0]).toMatchObject({ baseUrl: "https://docs.example.com/" });
  });

  it("replaces copies indexed before folders were sources (absolute-path keys), leaving no duplicate", async () => {
    const root = await wiki("legacy", { "old.md": "# Old\n\nThe tapir procedure predates connections.\n" });
    const database = await openDatabase({ dataDir: env.DATA_DIR ?? "" });
    const store = createLanceDbStore({ directory: join(env.DATA_DIR ?? "", "lancedb"), dimensions: 256 });
    try {
      await ensureWorkspace(database.db, "legacy");
      const document = {
        workspaceId: "legacy",
        source: "files",
        externalId: join(root, "old.md"),
        title: "Old",
        url: "legacy/old.md",
        updatedAt: new Date("2026-01-01T00:00:00Z"),
        content: "# Old\n\nThe tapir procedure predates connections.",
      };
      const id = documentId("legacy", "files", document.externalId);
      const records = buildChunkRecords(document, id);
      await store.upsert("legacy", records);
      await upsertDocuments(database.db, [
        { ...document, id, contentHash: contentHash(document), chunkCount: records.length },
      ]);
    } finally {
      await store.close();
      await database.close();
    }
    const tapirs = async () =>
      (await search("legacy", "tapir procedure")).filter((hit) => hit.text.includes("tapir"));
    expect(await tapirs()).toHaveLength(1);
    const report = (await sabio(["ingest", root, "--workspace", "legacy", "--json"])).json();
    expect(report.deleted).toBe(1);
    expect(await tapirs()).toHaveLength(1);
    const check = await openDatabase({ dataDir: env.DATA_DIR ?? "" });
    try {
      expect(await listIndexedSourceDocuments(check.db, "legacy", "files")).toEqual([]);
    } finally {
      await check.close();
    }
  });
});
