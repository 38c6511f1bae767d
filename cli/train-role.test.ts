import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "#shared/config/load-env.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { commandOnPath } from "./roles/command-on-path.ts";
import { configuredRoles } from "./roles/configured-roles.ts";

describe("the train role in sabio start", () => {
  it("is never started unasked: start with no role leaves it out", () => {
    expect(configuredRoles(parseEnv({}))).not.toContain("train");
  });

  it("refuses to start (exit 2) when TRAIN_COMMAND can't be found, saying what to install", async () => {
    const temp = await makeTempDir();
    try {
      const { code, notes } = await runSabio(["start", "train"], {
        DATA_DIR: join(temp.path, "data"),
        TRAIN_COMMAND: "mlx_lm.lora-not-installed",
      });
      expect(code).toBe(2);
      expect(notes).toContain("The train role needs TRAIN_COMMAND (mlx_lm.lora-not-installed) on PATH");
      expect(notes).toContain("pip install mlx-lm");
    } finally {
      await temp.remove();
    }
  });

  it("finds a command by name on PATH or by path, only when it is executable", () => {
    expect(commandOnPath("node", process.env.PATH)).toBe(true);
    expect(commandOnPath(process.execPath, undefined)).toBe(true);
    expect(commandOnPath("node", "")).toBe(false);
    expect(commandOnPath("/etc/hostname-not-a-command", process.env.PATH)).toBe(false);
  });
});
