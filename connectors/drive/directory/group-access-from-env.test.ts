import { describe, expect, it } from "vitest";
import { groupAccessFromEnv } from "./group-access-from-env.ts";

describe("groupAccessFromEnv", () => {
  const none = { GOOGLE_SERVICE_ACCOUNT_FILE: undefined, GOOGLE_DRIVE_SUBJECT: undefined };
  const delegated = {
    GOOGLE_SERVICE_ACCOUNT_FILE: "/keys/sa.json",
    GOOGLE_DRIVE_SUBJECT: "admin@example.com",
  };

  it("expands groups only with a service account acting as a subject", () => {
    expect(groupAccessFromEnv({ DRIVE_ACCESS: "enforce", ...delegated })).toBe("expanded");
    expect(
      groupAccessFromEnv({ DRIVE_ACCESS: "enforce", ...none, GOOGLE_SERVICE_ACCOUNT_FILE: "/keys/sa.json" }),
    ).toBe("not-expanded");
    expect(
      groupAccessFromEnv({ DRIVE_ACCESS: "enforce", ...none, GOOGLE_DRIVE_SUBJECT: "admin@example.com" }),
    ).toBe("not-expanded");
  });

  it("says groups don't matter under DRIVE_ACCESS=workspace, delegated or not", () => {
    expect(groupAccessFromEnv({ DRIVE_ACCESS: "workspace", ...delegated })).toBe("workspace");
    expect(groupAccessFromEnv({ DRIVE_ACCESS: "workspace", ...none })).toBe("workspace");
  });
});
