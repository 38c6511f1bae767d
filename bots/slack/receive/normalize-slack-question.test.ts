import { describe, expect, it } from "vitest";
import { IgnoreReason, maxQuestionLength, normalizeSlackQuestion } from "./normalize-slack-question.ts";

const bot = "UBOT";
const context = { teamId: "T1", botUserId: bot };

function mention(text: string, extra: Record<string, unknown> = {}) {
  return { type: "app_mention", user: "U1", text, ts: "1700000000.000100", channel: "C1", ...extra };
}

function questionText(event: unknown): string {
  const result = normalizeSlackQuestion(event, context);
  if (result.kind !== "question") throw new Error(`expected a question, got ${result.kind}`);
  return result.text;
}

describe("normalizeSlackQuestion", () => {
  it("turns a mention into a question with where to reply", () => {
    expect(normalizeSlackQuestion(mention(`<@${bot}> How do we deploy?`), context)).toEqual({
      kind: "question",
      text: "How do we deploy?",
      addressedToSomeoneElse: false,
      place: {
        channelId: "C1",
        threadId: "1700000000.000100",
        messageId: "1700000000.000100",
        parentThreadTs: undefined,
        userId: "U1",
        teamId: "T1",
        channelType: undefined,
      },
    });
  });

  it("replies in the existing thread when the message is a thread reply", () => {
    const result = normalizeSlackQuestion(
      mention(`<@${bot}> and staging?`, { thread_ts: "1699.0001" }),
      context,
    );
    expect(result.kind === "question" && result.place).toMatchObject({
      threadId: "1699.0001",
      messageId: "1700000000.000100",
      parentThreadTs: "1699.0001",
    });
  });

  it("strips the bot's mention anywhere, other leading mentions, and decodes Slack's entities", () => {
    expect(questionText(mention(`<@U2> <@${bot}|sabio>, is 1 &lt; 2 &amp;&amp; 3 &gt; 2?`))).toBe(
      "is 1 < 2 && 3 > 2?",
    );
    expect(questionText(mention(`what does <@${bot}> know about <@U2>?`))).toBe(
      "what does know about <@U2>?",
    );
    expect(questionText(mention("&amp;lt;b&amp;gt; tags"))).toBe("&lt;b&gt; tags");
  });

  it("collapses runs of spaces but keeps line breaks", () => {
    expect(questionText(mention(`<@${bot}>   why   does\t\tthis fail?\n\n\n\n  \`npm test\`  `))).toBe(
      "why does this fail?\n\n`npm test`",
    );
  });

  it("carries <!channel> and links through as text (the reply side neutralises pings)", () => {
    expect(
      questionText(mention(`<@${bot}> should I ping <!channel> about <https://x.test|the outage>?`)),
    ).toBe("should I ping <!channel> about <https://x.test|the outage>?");
  });

  it("gives the help hint for an empty mention, only emoji, or a file without text", () => {
    expect(normalizeSlackQuestion(mention(`<@${bot}>`), context).kind).toBe("help");
    expect(normalizeSlackQuestion(mention(`<@${bot}>   `), context).kind).toBe("help");
    expect(normalizeSlackQuestion(mention(`<@${bot}> :wave: :tada:`), context).kind).toBe("help");
    expect(normalizeSlackQuestion(mention(`<@${bot}> 👋🎉 ?!`), context).kind).toBe("help");
    expect(
      normalizeSlackQuestion(
        {
          type: "message",
          subtype: "file_share",
          user: "U1",
          text: "",
          ts: "1.2",
          channel: "D1",
          files: [{}],
        },
        context,
      ).kind,
    ).toBe("help");
  });

  it("keeps the text of a file share that has some", () => {
    expect(
      questionText({
        type: "message",
        subtype: "file_share",
        user: "U1",
        text: "what is this?",
        ts: "1.2",
        channel: "D1",
      }),
    ).toBe("what is this?");
  });

  it("reports a question over the queue's limit as too long", () => {
    expect(maxQuestionLength).toBe(4000);
    expect(normalizeSlackQuestion(mention(`<@${bot}> ${"a".repeat(4000)}`), context).kind).toBe("question");
    expect(normalizeSlackQuestion(mention(`<@${bot}> ${"a".repeat(4001)}`), context)).toMatchObject({
      kind: "too_long",
      length: 4001,
    });
  });

  it("ignores bots, the bot itself, edits, deletions, joins and things that are not messages", () => {
    const ignored = (event: unknown) => {
      const result = normalizeSlackQuestion(event, context);
      return result.kind === "ignore" ? result.reason : result.kind;
    };
    expect(ignored(mention("hi", { bot_id: "B9" }))).toBe(IgnoreReason.Bot);
    expect(ignored({ type: "message", subtype: "bot_message", text: "hi", ts: "1.2", channel: "C1" })).toBe(
      IgnoreReason.Bot,
    );
    expect(ignored(mention("hello", { user: bot }))).toBe(IgnoreReason.Self);
    for (const subtype of ["message_changed", "message_deleted", "channel_join", "me_message"]) {
      expect(ignored({ type: "message", subtype, user: "U1", text: "x", ts: "1.2", channel: "C1" })).toBe(
        IgnoreReason.Subtype,
      );
    }
    expect(ignored({ type: "message", text: "x", ts: "1.2", channel: "C1" })).toBe(IgnoreReason.NoUser);
    expect(ignored({ type: "reaction_added", user: "U1" })).toBe(IgnoreReason.NotAMessage);
    expect(ignored(null)).toBe(IgnoreReason.NotAMessage);
  });

  it("accepts a thread reply also sent to the channel", () => {
    expect(
      questionText({
        type: "message",
        subtype: "thread_broadcast",
        user: "U1",
        text: "and prod?",
        ts: "1.3",
        thread_ts: "1.2",
        channel: "C1",
      }),
    ).toBe("and prod?");
  });

  it("notices a message addressed to someone else", () => {
    const addressed = (text: string) => {
      const result = normalizeSlackQuestion(
        { type: "message", user: "U1", text, ts: "1.3", channel: "C1" },
        context,
      );
      return result.kind === "question" && result.addressedToSomeoneElse;
    };
    expect(addressed("<@U2> can you check this?")).toBe(true);
    expect(addressed(`<@U2> <@${bot}> can you check this?`)).toBe(false);
    expect(addressed("and what about staging?")).toBe(false);
    expect(addressed(`<@${bot}2> can you check?`)).toBe(true);
  });
});
