import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.ts";
import { parseEnv } from "./load-env.ts";

function failureMessage(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  throw new Error("expected parseEnv to fail");
}

describe("Discord variables", () => {
  it("defaults: Message Content on, one shared workspace, global commands, vendor REST base", () => {
    const env = parseEnv({});
    expect(env.DISCORD_TOKEN).toBeUndefined();
    expect(env.DISCORD_API_URL).toBe("https://discord.com/api");
    expect(env.DISCORD_MESSAGE_CONTENT).toBe(true);
    expect(env.DISCORD_WORKSPACE_PER_GUILD).toBe(false);
    expect(env.DISCORD_GUILD_IDS).toEqual([]);
    expect(env.DISCORD_APPROVER_ROLE_IDS).toEqual([]);
    expect(env.DISCORD_APPROVERS).toEqual([]);
  });

  it("reads flags in the usual spellings", () => {
    expect(parseEnv({ DISCORD_MESSAGE_CONTENT: "false" }).DISCORD_MESSAGE_CONTENT).toBe(false);
    expect(parseEnv({ DISCORD_MESSAGE_CONTENT: "0" }).DISCORD_MESSAGE_CONTENT).toBe(false);
    expect(parseEnv({ DISCORD_WORKSPACE_PER_GUILD: "TRUE" }).DISCORD_WORKSPACE_PER_GUILD).toBe(true);
    expect(parseEnv({ DISCORD_WORKSPACE_PER_GUILD: "yes" }).DISCORD_WORKSPACE_PER_GUILD).toBe(true);
  });

  it("rejects a flag that is neither true nor false instead of reading it as false", () => {
    expect(failureMessage({ DISCORD_MESSAGE_CONTENT: "off-ish" })).toContain(
      "DISCORD_MESSAGE_CONTENT: must be true or false",
    );
  });

  it("splits id lists and rejects what is not a snowflake", () => {
    expect(
      parseEnv({ DISCORD_GUILD_IDS: "123456789012345678, 223456789012345678," }).DISCORD_GUILD_IDS,
    ).toEqual(["123456789012345678", "223456789012345678"]);
    expect(failureMessage({ DISCORD_APPROVERS: "@alice" })).toContain(
      "DISCORD_APPROVERS: must be comma-separated Discord ids",
    );
  });

  it("never echoes the bot token in a config error", () => {
    const message = failureMessage({ DISCORD_TOKEN: "MTIz.secret-token", DISCORD_API_URL: "not a url" });
    expect(message).toContain("DISCORD_API_URL");
    expect(message).not.toContain("secret-token");
  });
});
