import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { botInviteUrl, botPermissions } from "./bot-permissions.ts";

describe("the bot's invite", () => {
  it("asks for the seven permissions and nothing else", () => {
    expect(botPermissions).toBe(311385212992n);
  });

  it("is the URL the README gives", async () => {
    const readme = await readFile(new URL("../../../README.md", import.meta.url), "utf8");
    expect(readme).toContain(botInviteUrl("YOUR_APPLICATION_ID"));
    expect(readme).toContain(`= \`${botPermissions}\``);
  });
});
