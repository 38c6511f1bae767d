import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.ts";
import { parseEnv } from "./load-env.ts";

describe("DRIVE_SYNC_MINUTES", () => {
  it("defaults to 15 and is read apart from Notion's", () => {
    expect(parseEnv({}).DRIVE_SYNC_MINUTES).toBe(15);
    const env = parseEnv({ DRIVE_SYNC_MINUTES: "30", NOTION_SYNC_MINUTES: "5" });
    expect(env.DRIVE_SYNC_MINUTES).toBe(30);
    expect(env.NOTION_SYNC_MINUTES).toBe(5);
  });

  it("names the variable and an example for a value that is not whole minutes within a day", () => {
    for (const value of ["0", "abc", "1441"]) {
      let error: unknown;
      try {
        parseEnv({ DRIVE_SYNC_MINUTES: value });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toMatch(/DRIVE_SYNC_MINUTES.*e\.g\. 15/);
    }
  });
});
