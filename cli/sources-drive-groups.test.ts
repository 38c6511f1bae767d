import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "#shared/db/open-database.ts";
import { ensureSourceConnection } from "#shared/db/source-connection-repository.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";

const notExpanded =
  "groups: not expanded: files shared only with a group are visible to nobody but the operator (the CLI without --as) until GOOGLE_SERVICE_ACCOUNT_FILE and GOOGLE_DRIVE_SUBJECT are set";

/** `sabio sources` says whether a Drive file shared with a group reaches its members. */
describe("sabio sources: Drive group access", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    temp = await makeTempDir();
    env = { DATA_DIR: join(temp.path, "data"), OLLAMA_HOST: "http://127.0.0.1:9" };
    const database = await openDatabase({ dataDir: env.DATA_DIR ?? "" });
    await ensureSourceConnection(database.db, {
      id: "drive-acme",
      workspaceId: "acme",
      kind: "drive",
      source: "drive:admin@example.com",
      label: "Google Drive (admin@example.com)",
    });
    await ensureSourceConnection(database.db, {
      id: "notion-acme",
      workspaceId: "acme",
      kind: "notion",
      source: "notion",
      label: "Notion",
    });
    await database.close();
  });
  afterAll(() => temp.remove());

  const sources = (extra: Record<string, string> = {}, json = false) =>
    runSabio(["sources", "--workspace", "acme", ...(json ? ["--json"] : [])], { ...env, ...extra });

  it("without a delegated service account: files shared only with a group are the operator's", async () => {
    const run = await sources();
    expect(run.code).toBe(0);
    const [drive, notion] = run.stdout.split("Notion [");
    expect(drive).toContain("Google Drive (admin@example.com) [drive-acme]");
    expect(drive).toContain(notExpanded);
    expect(notion).not.toContain("groups:");

    const json = JSON.parse((await sources({}, true)).stdout) as {
      sources: { id: string; groupAccess?: string }[];
    };
    expect(json.sources.find((view) => view.id === "drive-acme")?.groupAccess).toBe("not-expanded");
    expect(json.sources.find((view) => view.id === "notion-acme")).not.toHaveProperty("groupAccess");
  });

  it("with GOOGLE_SERVICE_ACCOUNT_FILE and GOOGLE_DRIVE_SUBJECT: expanded", async () => {
    const delegated = {
      GOOGLE_SERVICE_ACCOUNT_FILE: join(temp.path, "unused-key.json"),
      GOOGLE_DRIVE_SUBJECT: "admin@example.com",
      SABIO_WORKSPACE: "elsewhere",
    };
    const run = await sources(delegated);
    expect(run.stdout).toContain("groups: members expanded through the Google Workspace directory");
    expect(run.stdout).toContain("groups inside groups included");
    expect(run.stdout).not.toContain("not expanded");
    const json = JSON.parse((await sources(delegated, true)).stdout) as {
      sources: { id: string; groupAccess?: string }[];
    };
    expect(json.sources.find((view) => view.id === "drive-acme")?.groupAccess).toBe("expanded");
  });

  it("with DRIVE_ACCESS=workspace: groups don't matter, and it says so", async () => {
    const run = await sources({ DRIVE_ACCESS: "workspace" });
    expect(run.stdout).toContain("groups: not needed: DRIVE_ACCESS=workspace");
  });
});
