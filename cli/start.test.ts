import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { useAnswerProcessKit } from "#test/helpers/answer-process-kit.ts";
import { waitForOutput, waitForStart } from "#test/helpers/process-output.ts";
import { main } from "./main.ts";
import type { Output } from "./output.ts";

const quiet: Output = { out: () => {}, note: () => {}, write: () => {} };

// Each test starts a process (up to processStartMs on a loaded machine), then works with it.
describe("sabio start answer (a real process on real Redis)", { timeout: 180_000 }, () => {
  const kit = useAnswerProcessKit();
  let child: ChildProcess | undefined;

  // Registered after the kit's, so it runs first: the child goes before its Redis keys and data dir.
  afterAll(() => {
    child?.kill("SIGKILL");
  });

  it("answers a queued question, then shuts down gracefully on SIGTERM", async () => {
    child = kit().startAnswer();
    await waitForStart(child);
    await kit().ask("cli-1");
    const output = await waitForOutput(child, /Sources:[\s\S]*parking\.md/);
    expect(output).toContain("level minus two");

    const exited = new Promise<number | null>((resolve) => child?.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("refuses roles that do not exist yet, with exit code 2", async () => {
    expect(await main(["start", "telepathy"], { DATA_DIR: kit().dataDir }, quiet)).toBe(2);
  });
});
