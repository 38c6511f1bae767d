import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";

describe("sabio ingest where every file failed", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let env: Record<string, string>;
  let broken: string;

  beforeAll(async () => {
    temp = await makeTempDir();
    env = { DATA_DIR: join(temp.path, "data"), OLLAMA_HOST: await closedPortHost() };
    broken = join(temp.path, "broken");
    await mkdir(broken);
    await writeFile(join(broken, "policy.docx"), Buffer.from("not a zip, whatever the name says"));
    await writeFile(join(broken, "handbook.pdf"), Buffer.from("%PDF-1.7 half written"));
    // Creates and migrates the embedded database once, outside the tests' time limit.
    await mkdir(join(temp.path, "empty"));
    expect((await runSabio(["ingest", join(temp.path, "empty"), "--workspace", "warm"], env)).code).toBe(0);
  });
  afterAll(async () => {
    await temp?.remove();
  });

  it("exits 1 and still prints the report, each failure in our words with its fix", async () => {
    const run = await runSabio(["ingest", broken, "--workspace", "acme"], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("0 documents");
    expect(run.stdout).toContain("2 failed");
    expect(run.stdout).toContain(
      "failed  policy.docx: not a valid DOCX file (it may be corrupt or still being written)",
    );
    expect(run.stdout).toContain("failed  handbook.pdf: not a valid PDF file");
    expect(run.stdout).toContain("to fix: open it in Word");
    expect(run.stdout).not.toMatch(/is this a zip file|stuk\.github|Invalid PDF structure/);
    expect(run.notes).toContain("could be read: nothing was indexed");
  });

  it("with --json: exit 1 and the report as the one JSON document", async () => {
    const run = await runSabio(["ingest", broken, "--workspace", "acme", "--json"], env);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ documents: 0 });
    expect(report.failed.map((failure: { path: string }) => failure.path).sort()).toEqual([
      "handbook.pdf",
      "policy.docx",
    ]);
  });

  it("one readable file is enough for exit 0: the failures are reported, the ingest did its job", async () => {
    const mixed = join(temp.path, "mixed");
    await mkdir(mixed);
    await writeFile(join(mixed, "ok.md"), "# Ok\n\nThe tapir room is on floor two.\n");
    await writeFile(join(mixed, "policy.docx"), Buffer.from("not a zip"));
    const run = await runSabio(["ingest", mixed, "--workspace", "mixed", "--json"], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ documents: 1, failed: [{ path: "policy.docx" }] });
  });
});
