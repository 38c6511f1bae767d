import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";

/**
 * `ask --json` → `questionId` → `approve` → `approvals`, and stale after the cited file changes,
 * through the real CLI on an embedded database.
 */
describe("sabio ask, approve and approvals", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let ollama: OllamaStandIn;
  let online: Record<string, string>;
  let offline: Record<string, string>;
  let folder: string;

  async function sabio(argv: string[], env: Record<string, string> = online) {
    const { code, stdout, notes } = await runSabio(argv, env);
    return { code, stdout: stdout.trim(), notes };
  }
  const json = async (argv: string[], env?: Record<string, string>) => {
    const result = await sabio([...argv, "--json"], env);
    return { code: result.code, body: JSON.parse(result.stdout) };
  };
  const listed = async (state?: string) =>
    (await json(["approvals", "-w", "acme", ...(state ? ["--state", state] : [])])).body.approvals as {
      questionId: string;
      state: string;
      approvedBy: unknown;
      changed: unknown[];
    }[];

  beforeAll(async () => {
    temp = await makeTempDir();
    ollama = await startOllamaStandIn();
    const dataDir = join(temp.path, "data");
    online = { DATA_DIR: dataDir, OLLAMA_HOST: ollama.host };
    // The same data, the model away: ask answers extractively.
    offline = { DATA_DIR: dataDir, OLLAMA_HOST: await closedPortHost() };
    folder = join(temp.path, "wiki");
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, "deploys.md"), "# Deploys\n\nDeploys are frozen on Fridays after three.\n");
    await writeFile(
      join(folder, "time-off.md"),
      "# Time off\n\nEveryone gets twenty-five vacation days a year.\n",
    );
    expect((await sabio(["ingest", folder, "--workspace", "acme"])).code).toBe(0);
    expect((await sabio(["ingest", folder, "--workspace", "other"])).code).toBe(0);
  });

  afterAll(async () => {
    await ollama?.stop();
    await temp?.remove();
  });

  it("records an asked question, approves it, and shows it stale once its document changes, until re-approved", async () => {
    const asked = await json(["ask", "When are deploys frozen?", "-w", "acme"]);
    expect(asked.code).toBe(0);
    expect(asked.body).toMatchObject({ mode: "generated", questionId: expect.any(String) });
    const { questionId } = asked.body as { questionId: string };
    expect(await listed("pending")).toEqual([
      {
        questionId,
        question: "When are deploys frozen?",
        state: "pending",
        approvedBy: null,
        approvedByPlatform: null,
        changed: [],
      },
    ]);

    const approved = await json(["approve", "-w", "acme", "--question", questionId, "--by", "alice"]);
    expect(approved).toMatchObject({
      code: 0,
      body: {
        questionId,
        changed: true,
        state: "approved",
        approvedBy: "alice",
        approvedByPlatform: "cli",
      },
    });
    expect(await listed("pending")).toEqual([]);
    expect(await listed("approved")).toEqual([
      expect.objectContaining({ questionId, approvedBy: "alice", approvedByPlatform: "cli", changed: [] }),
    ]);
    // A repeat by someone else changes nothing.
    const again = await sabio(["approve", "-w", "acme", "--question", questionId, "--by", "bob"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("already approved by alice; nothing changed");

    await writeFile(join(folder, "deploys.md"), "# Deploys\n\nDeploys are frozen on Thursdays after noon.\n");
    expect((await sabio(["ingest", folder, "--workspace", "acme"])).code).toBe(0);
    const stale = await listed("stale");
    expect(stale).toEqual([
      expect.objectContaining({
        questionId,
        state: "stale",
        changed: [expect.objectContaining({ title: "Deploys", change: "changed" })],
      }),
    ]);
    const table = await sabio(["approvals", "-w", "acme"]);
    expect(table.stdout).toMatch(/Stale: .*\(1\)/);
    expect(table.stdout).toContain(`${questionId}  When are deploys frozen?  by alice`);
    expect(table.stdout).toContain("Deploys changed");

    const reapproved = await json(["approve", "-w", "acme", "--question", questionId, "--by", "bob"]);
    expect(reapproved.body).toMatchObject({
      changed: true,
      reapproved: true,
      state: "approved",
      approvedBy: "bob",
      approvedByPlatform: "cli",
    });
    expect(await listed("stale")).toEqual([]);
  });

  it("corrects and approves with --text-file; refuses an extractive answer as it is", async () => {
    const asked = await json(["ask", "How many vacation days do we get?", "-w", "acme"], offline);
    expect(asked.body.mode).toBe("extractive");
    const { questionId } = asked.body as { questionId: string };
    // Extractive answers wait for nobody.
    expect((await listed("pending")).map((item) => item.questionId)).not.toContain(questionId);

    const refused = await sabio(["approve", "-w", "acme", "--question", questionId]);
    expect(refused.code).toBe(2);
    expect(refused.notes).toContain("quotes passages");
    expect(refused.notes).toContain("--text-file");

    const file = join(temp.path, "answer.md");
    await writeFile(file, "Twenty-five vacation days a year [1].\n");
    const corrected = await json(["approve", "-w", "acme", "--question", questionId, "--text-file", file]);
    expect(corrected).toMatchObject({ code: 0, body: { changed: true, corrected: true, state: "approved" } });
    expect((await listed("approved")).map((item) => item.questionId)).toContain(questionId);
  });

  it("refuses bad input with a clear message and exit code 2", async () => {
    const foreign = (await json(["ask", "When are deploys frozen?", "-w", "other"])).body
      .questionId as string;
    const empty = join(temp.path, "empty.md");
    await writeFile(empty, "  \n");
    const cases: [string[], RegExp][] = [
      [["approve", "-w", "acme"], /approve needs --question/],
      [["approve", "--question", foreign], /approve needs --workspace/],
      [["approve", "-w", "acme", "--question", "no-such-id"], /No question no-such-id in workspace "acme"/],
      [["approve", "-w", "acme", "--question", foreign], /belongs to workspace "other", not "acme"/],
      [["approve", "-w", "other", "--question", foreign, "--text-file", empty], /is empty/],
      [
        ["approve", "-w", "other", "--question", foreign, "--text-file", join(temp.path, "missing.md")],
        /Could not read --text-file/,
      ],
      [["approve", "-w", "other", "--question", foreign, "--by", " "], /--by needs a name/],
      [["approvals", "-w", "acme", "--state", "old"], /--state must be pending, approved or stale/],
    ];
    for (const [argv, message] of cases) {
      const result = await sabio(argv);
      expect({ argv, code: result.code }).toEqual({ argv, code: 2 });
      expect(result.notes).toMatch(message);
    }
    const asJson = await json(["approve", "-w", "acme", "--question", "no-such-id"]);
    expect(asJson).toMatchObject({ code: 2, body: { error: { code: "invalid_input" } } });
    // The refusals approved nothing.
    const other = (await json(["approvals", "-w", "other"])).body.approvals as {
      questionId: string;
      state: string;
    }[];
    expect(other).toEqual([expect.objectContaining({ questionId: foreign, state: "pending" })]);
  });
});
