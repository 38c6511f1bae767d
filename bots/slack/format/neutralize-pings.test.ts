import { describe, expect, it } from "vitest";
import { markdownToMrkdwn } from "./markdown-to-mrkdwn.ts";
import { neutralizePings } from "./neutralize-pings.ts";

const zws = "\u200B";

/** Anything Slack could turn into a notification: a control sequence or a live broadcast word. */
function canPing(mrkdwn: string): boolean {
  return /<[!@]/.test(mrkdwn) || /(?<![\p{L}\p{N}_])@(?:channel|here|everyone|group)\b/iu.test(mrkdwn);
}

describe("neutralizePings", () => {
  it.each([
    ["<!channel>", `@${zws}channel`],
    ["<!here>", `@${zws}here`],
    ["<!here|here>", `@${zws}here`],
    ["<!everyone>", `@${zws}everyone`],
    ["<!group>", `@${zws}group`],
    ["<!subteam^S0123|@design>", `@${zws}design`],
    ["<!subteam^S0123>", `@${zws}S0123`],
    ["<@U0123ABC>", `@${zws}U0123ABC`],
    ["<@W0123ABC|alice>", `@${zws}alice`],
    ["<#C0123|general>", "#general"],
    ["<!date^1392734382^{date}|Feb 18, 2014>", "Feb 18, 2014"],
    ["@channel", `@${zws}channel`],
    ["@here", `@${zws}here`],
    ["@everyone", `@${zws}everyone`],
    ["@Here!", `@${zws}Here!`],
    ["(@alice)", `(@${zws}alice)`],
  ])("defuses %s and keeps it readable", (input, expected) => {
    const result = neutralizePings(`Hi ${input} there`);
    expect(result).toBe(`Hi ${expected} there`);
    expect(canPing(result)).toBe(false);
  });

  it("keeps links and defuses mentions in their labels", () => {
    expect(neutralizePings("see <https://example.com/a?b=1&c=2|the docs> now")).toBe(
      "see <https://example.com/a?b=1&c=2|the docs> now",
    );
    expect(neutralizePings("<https://example.com/@here|@here>")).toBe(
      `<https://example.com/@here|@${zws}here>`,
    );
    expect(neutralizePings("<https://example.com|<!channel>>")).toBe(`<https://example.com|@${zws}channel>`);
    expect(neutralizePings("<mailto:hr@example.com|hr@example.com>")).toBe(
      "<mailto:hr@example.com|hr@example.com>",
    );
  });

  it("leaves e-mail addresses and URL paths alone", () => {
    expect(neutralizePings("mail hr@here.com or see example.com/@alice")).toBe(
      "mail hr@here.com or see example.com/@alice",
    );
  });

  it("escapes stray < and > but keeps quote markers and entities", () => {
    expect(neutralizePings("a < b > c <div> &amp; &lt;")).toBe("a &lt; b &gt; c &lt;div&gt; &amp; &lt;");
    expect(neutralizePings("> quoted\n>> nested > not")).toBe("> quoted\n>> nested &gt; not");
  });

  it("in code: control sequences show literally, broadcast words are defused, other @names kept", () => {
    expect(neutralizePings("`<!here>` and ```\nnpm i @types/node # @channel\n```")).toBe(
      `\`@${zws}here\` and \`\`\`\nnpm i @types/node # @${zws}channel\n\`\`\``,
    );
    expect(neutralizePings("`a < b`")).toBe("`a &lt; b`");
  });

  it("is idempotent", () => {
    const once = neutralizePings("<!here> @channel <https://x.com|@everyone> a < b `@here`");
    expect(neutralizePings(once)).toBe(once);
  });
});

describe("neutralizePings(markdownToMrkdwn(text))", () => {
  const pipeline = (markdown: string) => neutralizePings(markdownToMrkdwn(markdown));

  it.each([
    "Hey <!channel>, see [the docs](https://example.com/docs) [1].",
    "[<!channel>](https://example.com) and [@here](https://example.com)",
    "**<!everyone>** read this",
    "Ask <@U0123ABC> or <!subteam^S1|@hr> or @here",
    "`<!here>` and `@channel`",
    "```\n<!channel> <@U1> @everyone\n```",
    "- @here in a list\n- <!here> too",
    "| who | note |\n|---|---|\n| @channel | <!here> |",
    "> @everyone quoted",
    "# Heads up @channel",
  ])("defuses every ping in %j", (markdown) => {
    expect(canPing(pipeline(markdown))).toBe(false);
  });

  it("keeps links made by the converter", () => {
    expect(pipeline("Read [the handbook](https://example.com/h?x=1&y=2) [2].")).toBe(
      "Read <https://example.com/h?x=1&y=2|the handbook> [2].",
    );
    expect(pipeline("[<!channel>](https://example.com)")).toBe(`<https://example.com|@${zws}channel>`);
  });

  it("shows control sequences inside code as written, without pinging", () => {
    expect(pipeline("`<!channel>`")).toBe("`&lt;!channel&gt;`");
  });
});
