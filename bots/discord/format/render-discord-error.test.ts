import { MessageFlags } from "discord.js";
import { describe, expect, it } from "vitest";
import { renderDiscordError } from "./render-discord-error.ts";

describe("renderDiscordError", () => {
  it("is one short friendly line without buttons", () => {
    expect(renderDiscordError("Sorry, I couldn't answer this time.\nPlease try again.")).toEqual({
      content: "⚠️ Sorry, I couldn't answer this time. Please try again.",
      components: [],
      flags: MessageFlags.SuppressEmbeds,
    });
  });

  it("can't ping, stays short and is never empty", () => {
    expect(renderDiscordError("Ask @here or <@123>").content).toBe("⚠️ Ask @\u200Bhere or <@\u200B123>");
    expect(renderDiscordError("x".repeat(5_000)).content.length).toBeLessThanOrEqual(510);
    expect(renderDiscordError("   ").content).toMatch(/^⚠️ Sorry, something went wrong/);
  });
});
