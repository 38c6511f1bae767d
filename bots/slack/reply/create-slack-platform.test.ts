import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerBlocks } from "#bots/slack/format/answer-blocks.ts";
import type { Reply, ReplyHandle, ReplyTarget } from "#shared/platform/platform.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { standInClient } from "#test/stand-ins/slack/stand-in-client.ts";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { createSlackPlatform } from "./create-slack-platform.ts";
import { replyClientOptions } from "./reply-client-options.ts";

const source = { n: 1, title: "Handbook", url: "https://example.com/handbook", documentId: "d1" };
const shortReply: Reply = {
  text: "Vacation is **25 days** [1].",
  mode: "generated",
  model: "m",
  sources: [source],
};
const paragraph = (n: number) => `Paragraph ${n}: ${"The policy says many things about leave. ".repeat(40)}`;
const longReply: Reply = {
  ...shortReply,
  text: Array.from({ length: 12 }, (_, index) => paragraph(index + 1)).join("\n\n"),
};

describe("Slack platform: posting, updating, errors", () => {
  let slack: SlackStandIn;
  let target: ReplyTarget;
  let questionTs: string;

  beforeEach(async () => {
    slack = await startSlackStandIn({ teamId: "T0TEAM" });
    questionTs = slack.seedMessage("C1", { user: "U0ASKER", text: "question" }).ts;
    target = {
      workspaceId: "T0TEAM",
      channelId: "C1",
      messageId: questionTs,
      userId: "U0ASKER",
      questionId: "q-1",
    };
  });
  afterEach(async () => {
    await slack.close();
  });

  const platform = (streaming: "auto" | "off" = "auto") =>
    createSlackPlatform({
      clientFor: async () => standInClient(slack, replyClientOptions(slack.apiUrl)),
      logger: silentLogger(),
      updateIntervalMs: 100,
      streaming,
    });
  const botMessages = () =>
    slack.thread("C1", questionTs).filter((message) => message.user === slack.botUserId);
  /** The handles the platform asked to record, newest last (the answer job keeps them in the database). */
  let handles: ReplyHandle[] = [];
  const recording = () => {
    handles = [];
    return { record: async (handle: ReplyHandle) => void handles.push(handle) };
  };

  it("is named slack", () => {
    expect(platform().name).toBe("slack");
  });

  it("posts an answer in the thread with unfurls off", async () => {
    const posted = await platform().post(target, shortReply);
    const [call] = slack.callsTo("chat.postMessage");
    expect(call?.args).toMatchObject({
      channel: "C1",
      thread_ts: questionTs,
      unfurl_links: false,
      unfurl_media: false,
    });
    expect(botMessages()).toMatchObject([
      { ts: posted.id, blocks: answerBlocks(shortReply, { questionId: "q-1" })[0]?.blocks },
    ]);
  });

  it("replies in the thread of a follow-up's thread, not under the follow-up", async () => {
    const followUp = slack.seedMessage("C1", {
      user: "U0ASKER",
      text: "and sick days?",
      thread_ts: questionTs,
    });
    await platform().post({ ...target, threadId: questionTs, messageId: followUp.ts }, shortReply);
    expect(slack.callsTo("chat.postMessage")[0]?.args.thread_ts).toBe(questionTs);
  });

  it("splits a long answer over several thread messages, in order", async () => {
    const parts = answerBlocks(longReply, { questionId: "q-1" });
    expect(parts.length).toBeGreaterThan(1);
    const stream = await platform().stream(target, recording());
    void stream.append(longReply.text.slice(0, 500));
    await slack.waitFor("chat.startStream");
    const posted = await stream.finish(longReply);

    const messages = botMessages();
    expect(messages.map((message) => message.blocks)).toEqual(parts.map((part) => part.blocks));
    expect(messages[0]?.ts).toBe(posted.id);
    expect(posted.ids).toEqual(messages.map((message) => message.ts));
    // Each further part is recorded as it is posted, so a takeover can remove it.
    expect(handles.at(-1)).toMatchObject({ messageId: posted.id, followUps: posted.ids?.slice(1) });
    for (const call of slack.callsTo("chat.postMessage")) {
      expect(call.args).toMatchObject({ thread_ts: questionTs, unfurl_links: false, unfurl_media: false });
    }
  });

  it("updates a posted answer in place", async () => {
    const replies = platform();
    const posted = await replies.post(target, shortReply);
    const corrected = { ...shortReply, text: "Vacation is **30 days** [1]." };
    await replies.update(target, posted, corrected);
    expect(slack.callsTo("chat.update")[0]?.args).toMatchObject({ ts: posted.id });
    expect(botMessages()).toHaveLength(1);
    expect(botMessages()[0]?.blocks).toEqual(answerBlocks(corrected, { questionId: "q-1" })[0]?.blocks);
  });

  it("posts a friendly error line in the thread", async () => {
    await platform().error(target, "Sorry, I couldn't answer this time. Please try again in a moment.");
    const [call] = slack.callsTo("chat.postMessage");
    expect(call?.args).toMatchObject({ thread_ts: questionTs, unfurl_links: false });
    expect(String(call?.args.text)).toMatch(/^:warning: Sorry, I couldn't answer/);
  });

  it("defuses pings in error lines", async () => {
    await platform().error(target, "Ask <!channel> instead");
    expect(String(slack.callsTo("chat.postMessage")[0]?.args.text)).not.toContain("<!channel>");
  });

  it("turns an unfinished placeholder into the error line instead of adding a message", async () => {
    const stream = await platform("off").stream(target, recording());
    void stream.append("Half an answer");
    await slack.waitFor("chat.update");
    // Another process (a fresh platform) given the recorded handle: nothing is kept in memory.
    await platform("off").error(target, "Sorry, I couldn't answer this time.", handles[0]);
    expect(botMessages()).toHaveLength(1);
    expect(botMessages()[0]?.text).toMatch(/^:warning: Sorry/);
  });

  it("turns an unfinished stream into the error line", async () => {
    const stream = await platform().stream(target, recording());
    void stream.append("Half an answer");
    await slack.waitFor("chat.appendStream");
    await platform().error(target, "Sorry, I couldn't answer this time.", handles[0]);
    expect(slack.callsTo("chat.stopStream")).toHaveLength(1);
    expect(botMessages()).toHaveLength(1);
    expect(botMessages()[0]).toMatchObject({
      text: expect.stringMatching(/^:warning: Sorry/),
      streaming_state: "completed",
    });
  });

  it("posts a new error line once the answer is finished", async () => {
    const replies = platform("off");
    const stream = await replies.stream(target, recording());
    await stream.finish(shortReply);
    await replies.error(target, "Something else went wrong.");
    expect(botMessages()).toHaveLength(2);
  });

  it("refuses a target without a channel", async () => {
    await expect(platform().post({ workspaceId: "T0TEAM" }, shortReply)).rejects.toMatchObject({
      code: "internal",
    });
  });
});
