import { describe, expect, it } from "vitest";
import { renderDiscordAnswer } from "#bots/discord/format/render-discord-answer.ts";
import { answerBlocks } from "#bots/slack/format/answer-blocks.ts";
import type { PlatformUser, Reply } from "#shared/platform/platform.ts";
import { createCliPlatform } from "../../cli/cli-platform.ts";
import type { Output } from "../../cli/output.ts";

const approved = (approvedBy: PlatformUser): Reply => ({
  text: "Everyone gets 25 vacation days a year [1].",
  mode: "approved",
  model: null,
  sources: [{ n: 1, title: "Leave policy", url: "https://docs.test/leave", documentId: "d1" }],
  approvedBy,
});

function recordingOutput(): Output & { printed: string[] } {
  const printed: string[] = [];
  return { printed, out: (text) => printed.push(text), note: () => {}, write: (text) => printed.push(text) };
}

describe("an answer from the answer bank is labelled with its approver", () => {
  it("in Slack, as a mention for a Slack approver and inert text for a CLI one", () => {
    const text = (reply: Reply) => JSON.stringify(answerBlocks(reply, { questionId: "q1" }));
    expect(text(approved({ platform: "slack", userId: "U0MO" }))).toContain("✅ Approved answer, by <@U0MO>");
    expect(text(approved({ platform: "cli", userId: "mo" }))).toContain("✅ Approved answer, by mo (cli)");
  });

  it("in Discord, as a mention for a Discord approver and the name for a CLI one", () => {
    const content = (reply: Reply) => renderDiscordAnswer(reply, "q1").at(-1)?.content ?? "";
    expect(content(approved({ platform: "discord", userId: "123456789" }))).toContain(
      "-# ✅ Approved answer, by <@123456789>",
    );
    expect(content(approved({ platform: "cli", userId: "mo_ops" }))).toContain(
      "✅ Approved answer, by mo\\_ops",
    );
    expect(content(approved({ platform: "slack", userId: "U0MO" }))).toContain(
      "✅ Approved answer, by someone on slack",
    );
  });

  it("in the terminal, and as mode and approvedBy in --json", async () => {
    const text = recordingOutput();
    await createCliPlatform(text, { json: false }).post(
      { workspaceId: "w" },
      approved({ platform: "cli", userId: "mo" }),
    );
    expect(text.printed.join("\n")).toContain(
      "[1] Leave policy — https://docs.test/leave\n\n✅ Approved answer, by mo",
    );
    const json = recordingOutput();
    await createCliPlatform(json, { json: true }).post(
      { workspaceId: "w" },
      approved({ platform: "slack", userId: "U0MO" }),
    );
    expect(JSON.parse(json.printed.join(""))).toMatchObject({
      mode: "approved",
      approvedBy: "U0MO",
      approvedByPlatform: "slack",
    });
  });

  it("shows no approval label on a generated answer", () => {
    const generated: Reply = { ...approved({ platform: "slack", userId: "U0MO" }), mode: "generated" };
    expect(JSON.stringify(answerBlocks(generated))).not.toContain("Approved answer");
    expect(renderDiscordAnswer(generated).at(-1)?.content).not.toContain("Approved answer");
  });
});
