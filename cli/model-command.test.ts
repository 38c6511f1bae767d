import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#shared/db/database.ts";
import { openDatabase } from "#shared/db/open-database.ts";
import { trainingRuns } from "#shared/db/schema.ts";
import { ensureWorkspace } from "#shared/db/workspace-repository.ts";
import { createOllamaEmbedder } from "#shared/knowledge/embed/ollama-embedder.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import { indexDeploysHandbook } from "#test/fixtures/deploys-handbook.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import {
  defaultStandInModels,
  type OllamaStandIn,
  startOllamaStandIn,
} from "#test/stand-ins/ollama-server.ts";

const workspaceId = "acme";
const better = "sabio-acme:r2";
const worse = "sabio-acme:r1";
const broken = "sabio-acme:r3";

/** `sabio model list|promote|rollback` on an embedded database, and `ask` answering with the pointer's model. */
describe("sabio model", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let ollama: OllamaStandIn;
  let env: Record<string, string>;

  beforeAll(async () => {
    temp = await makeTempDir();
    ollama = await startOllamaStandIn({ models: [...defaultStandInModels, better, worse] });
    const dataDir = join(temp.path, "data");
    env = { DATA_DIR: dataDir, OLLAMA_HOST: ollama.host, EMBED_DIMENSIONS: "256" };
    const database = await openDatabase({ dataDir });
    const store = createLanceDbStore({ directory: join(dataDir, "lancedb"), dimensions: 256 });
    await indexDeploysHandbook(
      {
        database,
        store,
        embedder: createOllamaEmbedder({ host: ollama.host, dimensions: 256 }),
        logger: silentLogger(),
      },
      workspaceId,
    );
    // As `sabio ingest` does before indexing.
    await ensureWorkspace(database.db, workspaceId);
    await recordRuns(database);
    await store.close();
    await database.close();
  });

  afterAll(async () => {
    await ollama?.stop();
    await temp?.remove();
  });

  const sabio = (argv: string[]) => runSabio(argv, env);

  async function listJson() {
    const { code, stdout } = await sabio(["model", "--workspace", workspaceId, "list", "--json"]);
    expect(code).toBe(0);
    return JSON.parse(stdout) as {
      current: string;
      default: string;
      promoted: string | null;
      models: { name: string; status: string; createdAt: string; scores: unknown }[];
    };
  }

  async function askModel(): Promise<string | null> {
    const { code, stdout } = await sabio([
      "ask",
      "How do we deploy the billing service?",
      "--workspace",
      workspaceId,
      "--json",
    ]);
    expect(code).toBe(0);
    return (JSON.parse(stdout) as { model: string | null }).model;
  }

  it("lists every candidate of the workspace's runs, newest first, on the default model", async () => {
    const listed = await listJson();
    expect(listed).toMatchObject({ current: "gemma4:e4b", default: "gemma4:e4b", promoted: null });
    expect(listed.models.map(({ name, status }) => ({ name, status }))).toEqual([
      { name: broken, status: "failed" },
      { name: better, status: "rejected" },
      { name: worse, status: "rejected" },
    ]);
    expect(listed.models[1]?.scores).toEqual({ candidate: 0.8, current: 0.6 });
    expect(Number.isNaN(Date.parse(listed.models[0]?.createdAt ?? ""))).toBe(false);
    expect(await askModel()).toBe("gemma4:e4b");
  });

  it("promote makes the next ask answer with it; rollback walks back to the previous, then the default", async () => {
    const promoted = await sabio(["model", "--workspace", workspaceId, "promote", worse]);
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain(`Promoted ${worse}`);
    expect(promoted.stdout).toContain("was gemma4:e4b, the default");
    expect(await askModel()).toBe(worse);

    const second = await sabio(["model", "--workspace", workspaceId, "promote", better, "--json"]);
    expect(JSON.parse(second.stdout)).toEqual({
      changed: true,
      from: worse,
      to: better,
      default: "gemma4:e4b",
    });
    const listed = await listJson();
    expect(listed).toMatchObject({ current: better, promoted: better });
    expect(listed.models.map((model) => model.status)).toEqual(["failed", "current", "retired"]);
    expect(await askModel()).toBe(better);

    const back = await sabio(["model", "--workspace", workspaceId, "rollback"]);
    expect(back.stdout).toContain(`from ${better} to ${worse}`);
    expect(await askModel()).toBe(worse);
    const toDefault = await sabio(["model", "--workspace", workspaceId, "rollback", "--json"]);
    expect(JSON.parse(toDefault.stdout)).toEqual({
      changed: true,
      from: worse,
      to: "gemma4:e4b",
      default: "gemma4:e4b",
    });
    expect(await askModel()).toBe("gemma4:e4b");

    const again = await sabio(["model", "--workspace", workspaceId, "rollback"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("already on the default model (gemma4:e4b)");
  });

  it("a promoted model Ollama no longer has falls back to CHAT_MODEL: the answer is still given", async () => {
    await sabio(["model", "--workspace", workspaceId, "promote", better]);
    ollama.setModels(defaultStandInModels);
    try {
      expect(await askModel()).toBe("gemma4:e4b");
    } finally {
      ollama.setModels([...defaultStandInModels, better, worse]);
      await sabio(["model", "--workspace", workspaceId, "rollback"]);
    }
  });

  it("refuses what it can't do, saying what exists", async () => {
    const unknownName = await sabio([
      "model",
      "--workspace",
      workspaceId,
      "promote",
      "sabio-acme:r9",
      "--json",
    ]);
    expect(unknownName.code).toBe(2);
    const error = (JSON.parse(unknownName.stdout) as { error: { message: string; hint: string } }).error;
    expect(error.message).toContain('No model "sabio-acme:r9"');
    expect(error.hint).toContain(better);
    expect(error.hint).not.toContain(broken);

    const failed = await sabio(["model", "--workspace", workspaceId, "promote", broken]);
    expect(failed.code).toBe(2);
    expect(failed.notes).toContain("smoke test: empty answer");

    const unknownWorkspace = await sabio(["model", "--workspace", "acmee", "list"]);
    expect(unknownWorkspace.code).toBe(2);
    expect(unknownWorkspace.notes).toContain("did you mean acme?");

    const noSubcommand = await sabio(["model", "--workspace", workspaceId]);
    expect(noSubcommand.code).toBe(2);
    expect(noSubcommand.notes).toContain("list, promote <name> or rollback");

    const noName = await sabio(["model", "--workspace", workspaceId, "promote"]);
    expect(noName.code).toBe(2);
    expect(noName.notes).toContain("exactly one model name");
    expect((await listJson()).promoted).toBeNull();
  });
});

/** Three finished runs as the training run records them (a skipped one made no model). */
async function recordRuns(database: Database): Promise<void> {
  const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 2, minute));
  await database.db.insert(trainingRuns).values([
    {
      id: "r0",
      workspaceId,
      status: "skipped",
      reason: "12 new approvals, fewer than TRAIN_MIN_EXAMPLES (50)",
      startedAt: at(0),
      finishedAt: at(0),
    },
    {
      id: "r1",
      workspaceId,
      status: "rejected",
      candidate: worse,
      current: "gemma4:e4b",
      scores: { candidate: 0.5, current: 0.6 },
      startedAt: at(1),
      finishedAt: at(2),
    },
    {
      id: "r2",
      workspaceId,
      status: "rejected",
      candidate: better,
      current: "gemma4:e4b",
      scores: { candidate: 0.8, current: 0.6 },
      startedAt: at(3),
      finishedAt: at(4),
    },
    {
      id: "r3",
      workspaceId,
      status: "failed",
      reason: "smoke test: empty answer",
      candidate: broken,
      startedAt: at(5),
      finishedAt: at(6),
    },
  ]);
}
