import { describe, expect, it } from "vitest";
import { viewerResolver } from "#shared/knowledge/store/viewer-groups.ts";
import type { Platform } from "#shared/platform/platform.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { resolveViewer } from "./resolve-viewer.ts";

/** Only what resolveViewer reads: who asked. */
const platformKnowing = (email: string | undefined) =>
  ({ asker: async () => (email ? { email } : {}) }) as unknown as Platform;

const directory = {
  asked: [] as string[],
  async groupsOf(email: string) {
    this.asked.push(email);
    return email === "member@example.com" ? ["team@example.com"] : [];
  },
};
const target = { workspaceId: "acme", userId: "U1" };

describe("resolveViewer with the Workspace directory", () => {
  it("adds the asker's groups from the directory", async () => {
    const viewer = await resolveViewer(
      platformKnowing("member@example.com"),
      target,
      "enforce",
      silentLogger(),
      viewerResolver(directory),
    );
    expect(viewer).toEqual({ email: "member@example.com", groups: ["team@example.com"] });
  });

  it("leaves groups out without a directory, for an unknown email, and under DRIVE_ACCESS=workspace", async () => {
    const logger = silentLogger();
    expect(await resolveViewer(platformKnowing("member@example.com"), target, "enforce", logger)).toEqual({
      email: "member@example.com",
    });
    expect(
      await resolveViewer(
        platformKnowing("member@example.com"),
        target,
        "enforce",
        logger,
        viewerResolver(undefined),
      ),
    ).toEqual({ email: "member@example.com" });
    directory.asked.length = 0;
    expect(
      await resolveViewer(platformKnowing(undefined), target, "enforce", logger, viewerResolver(directory)),
    ).toEqual({});
    expect(
      await resolveViewer(
        platformKnowing("member@example.com"),
        target,
        "workspace",
        logger,
        viewerResolver(directory),
      ),
    ).toBeUndefined();
    expect(directory.asked).toEqual([]);
  });

  it("keeps groups the viewer already had and drops duplicates", async () => {
    const resolve = viewerResolver(directory);
    expect(
      await resolve({ email: "member@example.com", groups: ["team@example.com", "x@example.com"] }),
    ).toEqual({
      email: "member@example.com",
      groups: ["team@example.com", "x@example.com"],
    });
  });
});
