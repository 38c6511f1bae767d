import { WebAPIPlatformError, WebAPIRateLimitedError } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { goodOAuthCode, type SlackStandIn, startSlackStandIn } from "../slack-server.ts";
import { standInClient } from "./stand-in-client.ts";

describe("Slack Web API stand-in, through the real WebClient", () => {
  let slack: SlackStandIn;

  beforeEach(async () => {
    slack = await startSlackStandIn({
      users: {
        U0ADMIN: { name: "ada", isAdmin: true },
        U0OWNER: { name: "olga", isOwner: true },
        U0PLAIN: { name: "pat", email: "pat@example.com" },
        U0OTHERBOT: { name: "helper", isBot: true },
      },
      teamId: "T0TEAM",
      botUserId: "U0BOT",
    });
  });
  afterEach(async () => {
    await slack.close();
  });

  it("answers auth.test for the bot of its workspace", async () => {
    const result = await standInClient(slack).auth.test();
    expect(result).toMatchObject({ ok: true, team_id: "T0TEAM", user_id: "U0BOT", bot_id: slack.botId });
    expect(result.response_metadata?.scopes).toContain("chat:write");
    expect(slack.calls[0]).toMatchObject({ method: "auth.test", token: "xoxb-stand-in-token" });
  });

  it("posts, threads and updates messages, and keeps the channel's current state", async () => {
    const client = standInClient(slack);
    const question = slack.seedMessage("C1", { user: "U0PLAIN", text: "how many vacation days?" });
    const posted = await client.chat.postMessage({
      channel: "C1",
      thread_ts: question.ts,
      text: "_Thinking…_",
      unfurl_links: false,
      unfurl_media: false,
    });
    expect(posted).toMatchObject({
      ok: true,
      channel: "C1",
      message: { text: "_Thinking…_", user: "U0BOT" },
    });
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(posted.ts)).toBeGreaterThan(Number(question.ts));

    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*25* days [1]" } }];
    await client.chat.update({ channel: "C1", ts: String(posted.ts), text: "25 days", blocks });

    expect(slack.callsTo("chat.postMessage")[0]?.args).toMatchObject({
      channel: "C1",
      thread_ts: question.ts,
      unfurl_links: false,
      unfurl_media: false,
    });
    expect(slack.callsTo("chat.update")[0]?.args.blocks).toEqual(blocks);
    const [parent, reply] = slack.messages("C1");
    expect(parent).toMatchObject({ ts: question.ts, thread_ts: question.ts, user: "U0PLAIN" });
    expect(reply).toMatchObject({ ts: posted.ts, thread_ts: question.ts, text: "25 days", blocks });
    expect(reply?.edited).toBeDefined();

    const replies = await client.conversations.replies({ channel: "C1", ts: question.ts });
    expect(replies.messages?.map((message) => message.text)).toEqual(["how many vacation days?", "25 days"]);
    expect(replies.messages?.[0]).toMatchObject({ reply_count: 1 });
  });

  it("files a reply to a reply under the thread's parent", async () => {
    const client = standInClient(slack);
    const parent = slack.seedMessage("C1", { user: "U0PLAIN", text: "question" });
    const reply = slack.seedMessage("C1", { user: "U0PLAIN", text: "follow-up", thread_ts: parent.ts });
    await client.chat.postMessage({ channel: "C1", thread_ts: reply.ts, text: "answer" });
    expect(slack.thread("C1", parent.ts).map((message) => message.text)).toEqual([
      "question",
      "follow-up",
      "answer",
    ]);
  });

  it("refuses what Slack refuses: no text, too many blocks, unknown message, unknown method", async () => {
    const client = standInClient(slack);
    await expect(client.chat.postMessage({ channel: "C1" } as never)).rejects.toMatchObject({
      data: { error: "no_text" },
    });
    const tooMany = Array.from({ length: 51 }, () => ({ type: "divider" as const }));
    await expect(
      client.chat.postMessage({ channel: "C1", text: "x", blocks: tooMany }),
    ).rejects.toMatchObject({
      data: { error: "invalid_blocks" },
    });
    const long = Array.from({ length: 5 }, () => ({
      type: "section" as const,
      text: { type: "mrkdwn" as const, text: "x".repeat(2_900) },
    }));
    await expect(client.chat.postMessage({ channel: "C1", text: "x", blocks: long })).rejects.toMatchObject({
      data: { error: "msg_blocks_too_long" },
    });
    await expect(client.chat.update({ channel: "C1", ts: "1.000001", text: "x" })).rejects.toMatchObject({
      data: { error: "message_not_found" },
    });
    await expect(client.apiCall("chat.teleport", {})).rejects.toMatchObject({
      data: { error: "unknown_method" },
    });
    await expect(standInClient(slack, { token: "" }).auth.test()).rejects.toMatchObject({
      data: { error: "not_authed" },
    });
  });

  it("answers an injected error as ok:false, which the client throws as a platform error", async () => {
    const client = standInClient(slack);
    slack.failNext("chat.postMessage", { error: "not_in_channel" });
    const failure = await client.chat
      .postMessage({ channel: "C1", text: "hi" })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WebAPIPlatformError);
    expect((failure as WebAPIPlatformError).data.error).toBe("not_in_channel");
    await expect(client.chat.postMessage({ channel: "C1", text: "hi" })).resolves.toMatchObject({ ok: true });
    expect(slack.callsTo("chat.postMessage")).toHaveLength(2);
  });

  it("sends 429 with Retry-After, which a retrying client waits out", async () => {
    const client = standInClient(slack);
    slack.failNext("chat.update", { rateLimited: 1 });
    const posted = await client.chat.postMessage({ channel: "C1", text: "draft" });
    await client.chat.update({ channel: "C1", ts: String(posted.ts), text: "final" });
    const [limited, retried] = slack.callsTo("chat.update");
    expect(retried).toBeDefined();
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(slack.messages("C1")[0]?.text).toBe("final");
  });

  it("lets a client that rejects rate-limited calls see the Retry-After", async () => {
    const client = standInClient(slack, { rejectRateLimitedCalls: true });
    slack.failNext("chat.postMessage", { rateLimited: 7 }, 2);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const failure = await client.chat
        .postMessage({ channel: "C1", text: "x" })
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(WebAPIRateLimitedError);
      expect((failure as WebAPIRateLimitedError).retryAfter).toBe(7);
    }
    await expect(client.chat.postMessage({ channel: "C1", text: "x" })).resolves.toMatchObject({ ok: true });
  });

  it("answers users.info with roles, and user_not_found for strangers", async () => {
    const client = standInClient(slack);
    const admin = await client.users.info({ user: "U0ADMIN" });
    expect(admin.user).toMatchObject({
      id: "U0ADMIN",
      name: "ada",
      is_admin: true,
      is_owner: false,
      is_bot: false,
    });
    expect((await client.users.info({ user: "U0OWNER" })).user).toMatchObject({ is_owner: true });
    // The email is in the profile when the user has one (users:read.email), as Slack shows it.
    expect((await client.users.info({ user: "U0PLAIN" })).user?.profile?.email).toBe("pat@example.com");
    expect((await client.users.info({ user: "U0ADMIN" })).user?.profile?.email).toBeUndefined();
    expect((await client.users.info({ user: "U0OTHERBOT" })).user).toMatchObject({ is_bot: true });
    expect((await client.users.info({ user: "U0BOT" })).user).toMatchObject({ is_bot: true });
    await expect(client.users.info({ user: "U0NOBODY" })).rejects.toMatchObject({
      data: { error: "user_not_found" },
    });
  });

  it("streams: start, append and stop grow one threaded message; stop can add blocks", async () => {
    const client = standInClient(slack);
    const started = await client.chat.startStream({
      channel: "C1",
      thread_ts: "1700000000.000001",
      recipient_user_id: "U0PLAIN",
      recipient_team_id: "T0TEAM",
      markdown_text: "Vacation ",
    });
    const ts = String(started.ts);
    await client.chat.appendStream({ channel: "C1", ts, markdown_text: "is **25** days" });
    expect(slack.messages("C1")[0]).toMatchObject({
      text: "Vacation is **25** days",
      streaming_state: "in_progress",
    });

    const feedback = [{ type: "context", elements: [{ type: "mrkdwn", text: "Sources: [1]" }] }];
    const stopped = await client.chat.stopStream({
      channel: "C1",
      ts,
      markdown_text: " [1].",
      blocks: feedback,
    });
    expect(stopped.message).toMatchObject({
      text: "Vacation is **25** days [1].",
      streaming_state: "completed",
    });
    expect(slack.messages("C1")[0]).toMatchObject({
      ts,
      thread_ts: "1700000000.000001",
      blocks: feedback,
      streaming_state: "completed",
    });
    await expect(
      client.chat.appendStream({ channel: "C1", ts, markdown_text: "more" }),
    ).rejects.toMatchObject({
      data: { error: "message_not_in_streaming_state" },
    });
  });

  it("takes chunks from the SDK's chat streamer, and wants recipients outside DMs", async () => {
    const client = standInClient(slack);
    const streamer = client.chatStream({
      channel: "D1",
      thread_ts: "1700000000.000001",
      buffer_size: 4,
    });
    await streamer.append({ markdown_text: "Hello" });
    await streamer.append({ markdown_text: " world" });
    await streamer.stop();
    expect(slack.messages("D1")[0]).toMatchObject({ text: "Hello world", streaming_state: "completed" });

    await expect(
      client.chat.startStream({ channel: "C1", thread_ts: "1700000000.000001", markdown_text: "x" }),
    ).rejects.toMatchObject({ data: { error: "invalid_arguments" } });
  });

  it("adds and removes reactions, including on messages it never stored", async () => {
    const client = standInClient(slack);
    await client.reactions.add({ channel: "C1", timestamp: "1700000000.000009", name: "eyes" });
    expect(slack.reactionsOn("C1", "1700000000.000009")).toEqual(["eyes"]);
    await expect(
      client.reactions.add({ channel: "C1", timestamp: "1700000000.000009", name: "eyes" }),
    ).rejects.toMatchObject({ data: { error: "already_reacted" } });
    await client.reactions.remove({ channel: "C1", timestamp: "1700000000.000009", name: "eyes" });
    expect(slack.reactionsOn("C1", "1700000000.000009")).toEqual([]);
  });

  it("records assistant statuses, and answers views with an id that views.update accepts", async () => {
    const client = standInClient(slack);
    await client.assistant.threads.setStatus({
      channel_id: "C1",
      thread_ts: "1.000001",
      status: "is thinking…",
    });
    expect(slack.callsTo("assistant.threads.setStatus")[0]?.args).toMatchObject({ status: "is thinking…" });

    const home = await client.views.publish({
      user_id: "U0PLAIN",
      view: { type: "home", blocks: [{ type: "section", text: { type: "mrkdwn", text: "Hi" } }] },
    });
    expect(home.view).toMatchObject({ type: "home", team_id: "T0TEAM" });
    const viewId = String(home.view?.id);
    const updated = await client.views.update({ view_id: viewId, view: { type: "home", blocks: [] } });
    expect(updated.view?.id).toBe(viewId);
    await expect(
      client.views.open({
        trigger_id: "",
        view: { type: "modal", title: { type: "plain_text", text: "x" }, blocks: [] },
      }),
    ).rejects.toMatchObject({ data: { error: "invalid_arguments" } });
  });

  it("trades the good OAuth code for a bot token, and refuses others", async () => {
    const client = standInClient(slack, { token: "" });
    const installed = await client.oauth.v2.access({
      client_id: "id",
      client_secret: "secret",
      code: goodOAuthCode,
    });
    expect(installed).toMatchObject({
      token_type: "bot",
      bot_user_id: "U0BOT",
      team: { id: "T0TEAM" },
      authed_user: { id: "U0ADMIN" },
    });
    expect(installed.access_token).toMatch(/^xoxb-/);
    await expect(
      client.oauth.v2.access({ client_id: "id", client_secret: "secret", code: "stolen" }),
    ).rejects.toMatchObject({ data: { error: "invalid_code" } });
  });

  it("waits for calls, and says what it saw when they don't come", async () => {
    const client = standInClient(slack);
    const waiting = slack.waitFor("chat.postMessage", 2);
    await client.chat.postMessage({ channel: "C1", text: "one" });
    await client.chat.postMessage({ channel: "C1", text: "two" });
    expect((await waiting).map((call) => call.args.text)).toEqual(["one", "two"]);
    await expect(slack.waitFor("chat.delete", 1, 50)).rejects.toThrow(
      /chat\.delete.*got 0.*chat\.postMessage/,
    );
  });
});
