import { PermissionFlagsBits, PermissionsBitField } from "discord.js";
import { describe, expect, it } from "vitest";
import { createDiscordApprovers, isDiscordApprover } from "./discord-approvers.ts";

const settings = { roleIds: ["900000000000000001"], userIds: ["800000000000000001"] };
const member = (permissions: bigint, roleIds: string[] = []) => ({
  memberPermissions: new PermissionsBitField(permissions),
  roleIds,
});
const discordUser = (userId: string) => ({ platform: "discord", userId });

describe("Discord approvers", () => {
  it("approves Manage Server members, approver roles and listed users", () => {
    expect(isDiscordApprover(discordUser("1"), member(PermissionFlagsBits.ManageGuild), settings)).toBe(true);
    expect(isDiscordApprover(discordUser("1"), member(0n, ["900000000000000001"]), settings)).toBe(true);
    expect(isDiscordApprover(discordUser("800000000000000001"), member(0n), settings)).toBe(true);
  });

  it("refuses everyone else, and in a DM all but the listed users", () => {
    expect(
      isDiscordApprover(discordUser("1"), member(PermissionFlagsBits.SendMessages, ["2"]), settings),
    ).toBe(false);
    const dm = { memberPermissions: null, roleIds: [] };
    expect(isDiscordApprover(discordUser("1"), dm, settings)).toBe(false);
    expect(isDiscordApprover(discordUser("800000000000000001"), dm, settings)).toBe(true);
  });

  it("never takes a user of another platform with the same id", async () => {
    const slackUser = { platform: "slack", userId: "800000000000000001" };
    expect(isDiscordApprover(slackUser, member(PermissionFlagsBits.ManageGuild), settings)).toBe(false);
    expect(
      await createDiscordApprovers(settings).isApprover(slackUser, member(PermissionFlagsBits.ManageGuild)),
    ).toBe(false);
  });
});
