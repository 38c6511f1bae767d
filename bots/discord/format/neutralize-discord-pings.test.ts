import { describe, expect, it } from "vitest";
import { neutralizeDiscordPings } from "./neutralize-discord-pings.ts";

describe("neutralizeDiscordPings", () => {
  it("breaks every kind of Discord mention with a zero-width space", () => {
    expect(neutralizeDiscordPings("@everyone @here @Everyone <@1> <@!2> <@&3> <#4>")).toBe(
      "@\u200Beveryone @\u200Bhere @\u200BEveryone <@\u200B1> <@!\u200B2> <@&\u200B3> <#\u200B4>",
    );
  });

  it("also inside code and words, where Discord still finds them", () => {
    expect(neutralizeDiscordPings("```\nnotify @here\n``` `<@1>` hr@everyone.example")).toBe(
      "```\nnotify @\u200Bhere\n``` `<@\u200B1>` hr@\u200Beveryone.example",
    );
  });

  it("leaves ordinary @names, emails, links and custom emoji alone, and is safe to run twice", () => {
    const text = "@types/node mo@example.com <https://x.example> <:wave:123> <t:1700000000:R>";
    expect(neutralizeDiscordPings(text)).toBe(text);
    const once = neutralizeDiscordPings("@here <@1>");
    expect(neutralizeDiscordPings(once)).toBe(once);
  });
});
