import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.ts";
import { parseEnv } from "./load-env.ts";

describe("DRIVE_ACCESS", () => {
  it("enforces Drive sharing unless told otherwise", () => {
    expect(parseEnv({}).DRIVE_ACCESS).toBe("enforce");
    expect(parseEnv({ DRIVE_ACCESS: "workspace" }).DRIVE_ACCESS).toBe("workspace");
    expect(parseEnv({ DRIVE_ACCESS: "enforce" }).DRIVE_ACCESS).toBe("enforce");
  });

  it("names the choices for anything else", () => {
    let failure: unknown;
    try {
      parseEnv({ DRIVE_ACCESS: "everyone" });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).message).toContain("DRIVE_ACCESS");
    expect((failure as AppError).message).toContain("must be enforce or workspace");
  });
});
