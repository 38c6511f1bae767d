import { describe, expect, it } from "vitest";
import { needsReauthWording } from "./needs-reauth-wording.ts";
import { reconnectInstructions } from "./reconnect-instructions.ts";

describe("reconnect instructions per kind of source", () => {
  it("sends a Drive OAuth connection's admins to /sabio connect drive or sabio connect drive", () => {
    const drive = { kind: "drive", credentials: "sealed" } as const;
    expect(reconnectInstructions(drive, "slack")).toBe(
      "A workspace admin runs `/sabio connect drive` here in Slack (or `sabio connect drive` on the server) and allows Sabio read-only access again in Google.",
    );
    expect(reconnectInstructions(drive, "discord")).toContain(
      "runs `/sabio connect drive` in the Discord server",
    );
    expect(reconnectInstructions(drive, "discord")).not.toContain("notion");
  });

  it("sends a service-account Drive connection's fixer to the key file and the delegation", () => {
    const text = reconnectInstructions({ kind: "drive", credentials: null }, "slack");
    expect(text).toContain("GOOGLE_SERVICE_ACCOUNT_FILE");
    expect(text).toContain("domain-wide delegation");
    expect(text).not.toContain("/sabio connect");
  });

  it("keeps Notion's words", () => {
    expect(reconnectInstructions({ kind: "notion", credentials: "sealed" }, "slack")).toBe(
      "A workspace admin runs `/sabio connect notion` here in Slack and approves Sabio again in Notion.",
    );
    expect(reconnectInstructions({ kind: "notion", credentials: null }, "discord")).toContain("NOTION_TOKEN");
    expect(needsReauthWording.stays("acme")).toContain("new and changed pages wait");
    expect(needsReauthWording.stays("acme", "drive")).toContain("new and changed files wait");
  });
});
