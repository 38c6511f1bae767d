import { describe, expect, it } from "vitest";
import { discordWorkspaceFor } from "./discord-workspace.ts";

const shared = (ids: string[]) => async () => ids;

describe("discordWorkspaceFor", () => {
  it("answers every guild and DM from the default workspace by default", async () => {
    const settings = { defaultWorkspace: "team", perGuild: false };
    const neverAsked = async (): Promise<string[]> => {
      throw new Error("shared guilds are not needed");
    };
    expect(
      await discordWorkspaceFor({ guildId: "111", userId: "u", sharedGuildIds: neverAsked }, settings),
    ).toBe("team");
    expect(await discordWorkspaceFor({ userId: "u", sharedGuildIds: neverAsked }, settings)).toBe("team");
  });

  it("gives each guild its own workspace when per guild", async () => {
    const settings = { defaultWorkspace: "team", perGuild: true };
    expect(
      await discordWorkspaceFor({ guildId: "111", userId: "u", sharedGuildIds: shared([]) }, settings),
    ).toBe("discord-111");
  });

  it("answers a DM from the first shared guild, or the default when none is shared", async () => {
    const settings = { defaultWorkspace: "team", perGuild: true };
    expect(await discordWorkspaceFor({ userId: "u", sharedGuildIds: shared(["222", "333"]) }, settings)).toBe(
      "discord-222",
    );
    expect(await discordWorkspaceFor({ userId: "u", sharedGuildIds: shared([]) }, settings)).toBe("team");
  });
});
