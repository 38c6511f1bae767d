import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerBlocks } from "#bots/slack/format/answer-blocks.ts";
import type { Reply, ReplyHandle, ReplyTarget } from "#shared/platform/platform.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { standInClient } from "#test/stand-ins/slack/stand-in-client.ts";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { createSlackPlatform } from "./create-slack-platform.ts";
import { replyClientOptions } from "./reply-client-options.ts";

const reply: Reply = {
  text: "Vacation is **25 days** a year [1].",
  mode: "generated",
  model: "gemma4:e4b",
  sources: [{ n: 1, title: "Handbook", url: "https://example.com/handbook", documentId: "d1" }],
};

describe("Slack replies drafted while the model writes", () => {
  let slack: SlackStandIn;
  let target: ReplyTarget;
  let questionTs: string;

  beforeEach(async () => {
    slack = await startSlackStandIn({ teamId: "T0TEAM", users: { U0ASKER: { name: "pat" } } });
    questionTs = slack.seedMessage("C1", { user: "U0ASKER", text: "<@U0SABIOBOT> vacation days?" }).ts;
    target = {
      workspaceId: "T0TEAM",
      channelId: "C1",
      messageId: questionTs,
      userId: "U0ASKER",
      teamId: "T0TEAM",
      questionId: "q-1",
    };
  });
  afterEach(async () => {
    await slack.close();
  });

  const platform = (streaming: "auto" | "off" = "auto", updateIntervalMs = 200) =>
    createSlackPlatform({
      clientFor: async () => standInClient(slack, replyClientOptions(slack.apiUrl)),
      logger: silentLogger(),
      updateIntervalMs,
      streaming,
    });
  const botMessages = () =>
    slack.thread("C1", questionTs).filter((message) => message.user === slack.botUserId);
  const finalBlocks = () => answerBlocks(reply, { questionId: "q-1" })[0]?.blocks;
  /** Handles the platform asked to record, with how many tokens had been shown by then. */
  let handles: { handle: ReplyHandle; shownBefore: number }[] = [];
  const shown = () =>
    slack.callsTo("chat.appendStream").length +
    slack.callsTo("chat.update").filter((call) => call.args.text !== "_Thinking…_").length;
  const recording = () => {
    handles = [];
    return {
      record: async (handle: ReplyHandle) => void handles.push({ handle, shownBefore: shown() }),
    };
  };

  it("streams into the question's thread for the asker, then settles on the formatted answer", async () => {
    const stream = await platform().stream(target, recording());
    const [started] = slack.callsTo("chat.startStream");
    void stream.append("Vacation ");
    void stream.append("is ");
    await slack.waitFor("chat.appendStream");
    void stream.append("**25 days** a year [1].");
    await slack.waitFor("chat.appendStream", 2);
    const posted = await stream.finish(reply);

    // The stream exists, showing progress, and is recorded before the first token.
    expect(started?.args).toMatchObject({
      channel: "C1",
      thread_ts: questionTs,
      recipient_user_id: "U0ASKER",
      recipient_team_id: "T0TEAM",
      chunks: [{ type: "task_update", status: "in_progress" }],
    });
    expect(handles).toEqual([
      { handle: { messageId: posted.id, stream: true, followUps: [] }, shownBefore: 0 },
    ]);
    expect(slack.callsTo("chat.appendStream").map((call) => call.args.markdown_text)).toEqual([
      "Vacation is ",
      "**25 days** a year [1].",
    ]);
    expect(slack.callsTo("chat.stopStream")[0]?.args).toMatchObject({ ts: posted.id, blocks: finalBlocks() });
    expect(slack.callsTo("chat.postMessage")).toHaveLength(0);
    const [message, ...others] = botMessages();
    expect(others).toEqual([]);
    expect(message).toMatchObject({ ts: posted.id, thread_ts: questionTs, streaming_state: "completed" });
    expect(message?.blocks).toEqual(finalBlocks());
  });

  it("keeps a mention split across pieces whole, so it is defused", async () => {
    const stream = await platform().stream(target, recording());
    void stream.append("Heads up <!chan");
    const [first] = await slack.waitFor("chat.appendStream");
    void stream.append("nel> and @he");
    void stream.append("re too");
    await slack.waitFor("chat.appendStream", 2);
    await stream.finish(reply);

    expect(first?.args.markdown_text).toBe("Heads up ");
    const streamed = slack
      .callsTo("chat.appendStream")
      .map((call) => call.args.markdown_text)
      .join("");
    expect(streamed).not.toContain("<!channel>");
    expect(streamed).not.toMatch(/@here/);
    expect(streamed).toContain("channel");
  });

  it("falls back to a placeholder updated at most once per interval when streaming is refused", async () => {
    slack.failNext("chat.startStream", { error: "method_not_supported_for_channel_type" });
    const stream = await platform("auto", 200).stream(target, recording());
    const until = Date.now() + 1_100;
    while (Date.now() < until) {
      void stream.append("word ");
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    const posted = await stream.finish(reply);

    const placeholder = slack.callsTo("chat.postMessage");
    expect(placeholder).toHaveLength(1);
    expect(placeholder[0]?.args).toMatchObject({
      thread_ts: questionTs,
      unfurl_links: false,
      unfurl_media: false,
    });
    const updates = slack.callsTo("chat.update");
    const drafts = updates.slice(0, -1);
    expect(drafts.length).toBeGreaterThanOrEqual(2);
    expect(drafts.length).toBeLessThanOrEqual(7);
    // The first draft may follow "_Thinking…_" at once; drafts after it keep the interval.
    const times = drafts.map((call) => call.at);
    for (let index = 1; index < times.length; index += 1) {
      expect((times[index] ?? 0) - (times[index - 1] ?? 0)).toBeGreaterThanOrEqual(180);
    }
    expect(updates.at(-1)?.args).toMatchObject({ ts: posted.id, blocks: finalBlocks() });
    expect(botMessages()).toHaveLength(1);
    expect(botMessages()[0]?.blocks).toEqual(finalBlocks());
  });

  it("remembers a channel that refused streaming and shows _Thinking…_ at once next time", async () => {
    const replies = platform();
    slack.failNext("chat.startStream", { error: "not_allowed" });
    const first = await replies.stream(target, recording());
    void first.append("draft");
    await slack.waitFor("chat.postMessage");
    await first.finish(reply);

    const second = await replies.stream({ ...target, questionId: "q-2" }, recording());
    const posts = slack.callsTo("chat.postMessage");
    expect(posts).toHaveLength(2);
    expect(posts[1]?.args.text).toBe("_Thinking…_");
    await second.finish(reply);
    expect(slack.callsTo("chat.startStream")).toHaveLength(1);
  });

  it("with streaming off, posts _Thinking…_ right away and renders drafts as mrkdwn", async () => {
    const stream = await platform("off").stream(target, recording());
    expect(handles[0]?.handle).toMatchObject({ stream: false });
    expect(slack.callsTo("chat.postMessage")[0]?.args).toMatchObject({
      text: "_Thinking…_",
      thread_ts: questionTs,
    });
    void stream.append("Vacation is **25 days**");
    const [draft] = await slack.waitFor("chat.update");
    expect(draft?.args.text).toContain("*25 days*");
    expect(draft?.args.text).not.toContain("**");
    await stream.finish(reply);
    expect(slack.callsTo("chat.startStream")).toHaveLength(0);
  });

  it("on reset, takes the streamed draft away and starts over in the same message", async () => {
    const stream = await platform().stream(target, recording());
    void stream.append("A wrong start");
    await slack.waitFor("chat.appendStream");
    void stream.reset();
    void stream.append("Vacation is");
    await slack.waitFor("chat.update", 2);
    const posted = await stream.finish(reply);

    // The stream is stopped and its message rewritten: same ts, so the recorded handle stays true.
    expect(slack.callsTo("chat.stopStream")).toHaveLength(1);
    expect(slack.callsTo("chat.delete")).toHaveLength(0);
    expect(slack.callsTo("chat.update").map((call) => call.args.text)).toContain("_Thinking…_");
    expect(posted.id).toBe(handles[0]?.handle.messageId);
    expect(botMessages()).toHaveLength(1);
    expect(botMessages()[0]?.blocks).toEqual(finalBlocks());
  });

  it("on reset with a placeholder, puts _Thinking…_ back", async () => {
    const stream = await platform("off").stream(target, recording());
    void stream.append("A wrong start");
    await slack.waitFor("chat.update");
    void stream.reset();
    await slack.waitFor("chat.update", 2);
    expect(slack.callsTo("chat.update")[1]?.args.text).toBe("_Thinking…_");
    await stream.finish(reply);
    expect(botMessages()).toHaveLength(1);
  });

  it("another process given the recorded handle finishes the message a dead attempt left", async () => {
    const failed = await platform("off").stream(target, recording());
    void failed.append("Half an ans");
    await slack.waitFor("chat.update");
    const left = handles[0]?.handle;
    // A fresh platform: what the new attempt knows comes only from the recorded handle.
    const retried = await platform("off").stream(target, { takeOver: left, ...recording() });
    const posted = await retried.finish(reply);

    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(posted.id).toBe(left?.messageId);
    expect(botMessages()).toHaveLength(1);
    expect(botMessages()[0]?.blocks).toEqual(finalBlocks());
  });

  it("a takeover stops the dead attempt's stream and ends with one finished message", async () => {
    const failed = await platform().stream(target, recording());
    void failed.append("From the documentation: Get reimbursed › ");
    await slack.waitFor("chat.appendStream");
    const left = handles[0]?.handle;
    expect(botMessages()[0]?.streaming_state).toBe("in_progress");

    const retried = await platform().stream(target, { takeOver: left, ...recording() });
    expect(botMessages()[0]).toMatchObject({ streaming_state: "completed", text: "_Thinking…_" });
    void retried.append("Vacation is 25 days");
    await retried.finish(reply);

    expect(slack.callsTo("chat.startStream")).toHaveLength(1);
    const messages = botMessages();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ts: left?.messageId, streaming_state: "completed" });
    expect(messages[0]?.blocks).toEqual(finalBlocks());
    expect(messages[0]?.text).not.toContain("Get reimbursed");
  });

  it("a takeover removes the extra parts an earlier attempt had posted", async () => {
    const messageId = slack.seedMessage("C1", {
      user: slack.botUserId,
      text: "part 1",
      thread_ts: questionTs,
    }).ts;
    const extra = slack.seedMessage("C1", {
      user: slack.botUserId,
      text: "part 2",
      thread_ts: questionTs,
    }).ts;
    const retried = await platform("off").stream(target, {
      takeOver: { messageId, stream: false, followUps: [extra] },
      ...recording(),
    });
    await retried.finish(reply);
    expect(botMessages().map((message) => message.ts)).toEqual([messageId]);
  });

  it("waits out a 429 on the final chat.update", async () => {
    const stream = await platform("off").stream(target, recording());
    slack.failNext("chat.update", { rateLimited: 1 });
    await stream.finish(reply);
    const [limited, retried] = slack.callsTo("chat.update");
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(botMessages()[0]?.blocks).toEqual(finalBlocks());
  });

  it("fails the finish with a retryable rate_limited error when Slack keeps refusing", async () => {
    const stream = await platform("off").stream(target, recording());
    slack.failNext("chat.update", { rateLimited: 0 }, 3);
    await expect(stream.finish(reply)).rejects.toMatchObject({ code: "rate_limited", retryable: true });
  });

  it("append and reset never reject, even when Slack fails under them", async () => {
    slack.failNext("chat.appendStream", { error: "invalid_auth" });
    slack.failNext("chat.stopStream", { error: "invalid_auth" });
    const stream = await platform().stream(target, recording());
    await expect(stream.append("text")).resolves.toBeUndefined();
    await slack.waitFor("chat.appendStream");
    await expect(stream.reset()).resolves.toBeUndefined();
    await expect(stream.finish(reply)).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("records nothing and shows nothing more when recording the handle fails", async () => {
    await expect(
      platform().stream(target, {
        record: async () => {
          throw new Error("database down");
        },
      }),
    ).rejects.toThrow(/database down/);
    expect(slack.callsTo("chat.appendStream")).toHaveLength(0);
  });
});
