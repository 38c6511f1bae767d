import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { traceIdOf } from "#shared/telemetry/trace-ids.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { startLangfuseStandIn } from "#test/stand-ins/langfuse/langfuse-server.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { startPostHogStandIn } from "#test/stand-ins/posthog/posthog-server.ts";

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

  it("drops an approval with --drop: the answer waits again and the answer bank stops serving it", async () => {
    await writeFile(
      join(folder, "expenses.md"),
      "# Expenses\n\nExpense reports are paid back within ten working days.\n",
    );
    expect((await sabio(["ingest", folder, "--workspace", "acme"])).code).toBe(0);
    const asked = await json(["ask", "How soon are expense reports paid back?", "-w", "acme"]);
    expect(asked.body.mode).toBe("generated");
    const { questionId } = asked.body as { questionId: string };
    expect((await sabio(["approve", "-w", "acme", "--question", questionId, "--by", "mo"])).code).toBe(0);
    // Served from the bank while approved: the control for the check after the drop.
    const rephrased = ["ask", "How soon do expense reports get paid back?", "-w", "acme"];
    expect((await json(rephrased)).body).toMatchObject({ mode: "approved", approvedBy: "mo" });

    const dropped = await json(["approve", "-w", "acme", "--question", questionId, "--drop"]);
    expect(dropped).toEqual({ code: 0, body: { questionId, dropped: true, state: "pending" } });
    expect((await listed("pending")).map((item) => item.questionId)).toContain(questionId);
    expect((await listed("approved")).map((item) => item.questionId)).not.toContain(questionId);
    expect((await json(rephrased)).body.mode).toBe("generated");

    // Nothing left to drop: said plainly, not an error (a repeated command finds what it wanted).
    const again = await sabio(["approve", "-w", "acme", "--question", questionId, "--drop"]);
    expect(again).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("has no approval; nothing to drop"),
    });
    expect((await json(["approve", "-w", "acme", "--question", questionId, "--drop"])).body).toEqual({
      questionId,
      dropped: false,
      state: "pending",
    });
  });

  it("drops a stale approval, saying what had changed", async () => {
    await writeFile(join(folder, "onboarding.md"), "# Onboarding\n\nNew hires get a laptop on day one.\n");
    expect((await sabio(["ingest", folder, "--workspace", "acme"])).code).toBe(0);
    const { questionId } = (await json(["ask", "When do new hires get a laptop?", "-w", "acme"])).body as {
      questionId: string;
    };
    expect((await sabio(["approve", "-w", "acme", "--question", questionId])).code).toBe(0);
    await writeFile(join(folder, "onboarding.md"), "# Onboarding\n\nNew hires get a laptop in week one.\n");
    expect((await sabio(["ingest", folder, "--workspace", "acme"])).code).toBe(0);
    expect((await listed("stale")).map((item) => item.questionId)).toContain(questionId);

    const dropped = await sabio(["approve", "-w", "acme", "--question", questionId, "--drop"]);
    expect(dropped.code).toBe(0);
    expect(dropped.stdout).toContain("Dropped the approval");
    expect(dropped.stdout).toContain("(it was stale: Onboarding changed)");
    expect((await listed("stale")).map((item) => item.questionId)).not.toContain(questionId);
    expect((await listed("pending")).map((item) => item.questionId)).toContain(questionId);
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
      [
        ["approve", "-w", "other", "--question", foreign, "--drop", "--text-file", empty],
        /takes no --text-file/,
      ],
      [["approve", "-w", "other", "--question", foreign, "--drop", "--by", "mo"], /records no approver/],
      [["approve", "-w", "acme", "--question", "no-such-id", "--drop"], /No question no-such-id/],
      [["approve", "-w", "acme", "--question", foreign, "--drop"], /belongs to workspace "other"/],
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

  it("scores the approval in Langfuse and tells PostHog, ids only, as the bots do", async () => {
    const keys = { publicKey: "pk-lf-approve", secretKey: "sk-lf-approve-secret" };
    const langfuse = await startLangfuseStandIn(keys);
    const posthog = await startPostHogStandIn();
    try {
      const observed = {
        ...online,
        LANGFUSE_PUBLIC_KEY: keys.publicKey,
        LANGFUSE_SECRET_KEY: keys.secretKey,
        LANGFUSE_BASE_URL: langfuse.baseUrl,
        POSTHOG_API_KEY: "phc_approve_test",
        POSTHOG_HOST: posthog.host,
      };
      const question = "Who gets a laptop in week one?";
      const { questionId } = (await json(["ask", question, "-w", "acme"])).body as { questionId: string };
      const file = join(temp.path, "laptop-correction.md");
      await writeFile(file, "New hires get their laptop on day one.\n");
      const corrected = await sabio(
        ["approve", "-w", "acme", "--question", questionId, "--text-file", file],
        observed,
      );
      expect(corrected.code, corrected.notes).toBe(0);

      // The command flushed before it returned: both arrived, no waiting needed.
      expect(langfuse.scores()).toEqual([
        expect.objectContaining({
          traceId: traceIdOf(questionId),
          name: "approved",
          value: 1,
          dataType: "BOOLEAN",
          comment: "corrected and approved",
        }),
      ]);
      expect(posthog.events.map((event) => [event.event, event.properties.question_id])).toEqual([
        ["answer_approved", questionId],
      ]);
      const sent = [...langfuse.bodies, ...posthog.bodies].join("\n");
      for (const text of [question, "laptop on day one", keys.secretKey]) expect(sent).not.toContain(text);
    } finally {
      await langfuse.stop();
      await posthog.stop();
    }
  });
});
