import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { signSlackRequest, slackEventBody } from "#test/helpers/slack-signing.ts";
import {
  appMention,
  botUserId,
  channelMessage,
  nextTs,
  type ReceiveHarness,
  type SentRequest,
  signingSecret,
  startReceiveHarness,
  teamId,
  workspaceId,
} from "#test/slack/receive-test-kit.ts";
import { helpText, tooLongText, workingStatus } from "./question-reply-texts.ts";

let harness: ReceiveHarness;
const acks: SentRequest[] = [];

beforeAll(async () => {
  harness = await startReceiveHarness();
});

afterAll(async () => {
  await harness.close();
});

afterEach(async () => {
  // Every test leaves its listeners finished, so the next one starts from a quiet app.
  await harness.handlers().whenIdle();
});

async function send(...args: Parameters<ReceiveHarness["sendEvent"]>): Promise<SentRequest> {
  const sent = await harness.sendEvent(...args);
  acks.push(sent);
  return sent;
}

/** Jobs this test enqueued: the queue is shared by the file's tests, the event ids are not. */
async function jobsFor(...eventIds: string[]) {
  return (await harness.jobs()).filter((job) => eventIds.includes(job.eventId));
}

async function jobsInChannel(channel: string) {
  return (await harness.jobs()).filter((job) => job.channelId === channel);
}

function postsIn(channel: string) {
  return harness.slack.callsTo("chat.postMessage").filter((call) => call.args.channel === channel);
}

describe("questions by mention", () => {
  it("enqueues one question with the mention stripped, reacts 👀 and sets the thread status", async () => {
    const event = appMention(`<@${botUserId}> How do we   deploy the billing service?`, {
      channel: "C0MENTION",
    });
    const sent = await send(event, { eventId: "EvMENTION1" });
    expect(sent.status).toBe(200);

    expect(await jobsFor("EvMENTION1")).toEqual([
      {
        workspaceId,
        platform: "slack",
        eventId: "EvMENTION1",
        channelId: "C0MENTION",
        threadId: event.ts,
        messageId: event.ts,
        userId: "U0ASKER",
        teamId,
        text: "How do we deploy the billing service?",
        receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
    const reactions = harness.slack
      .callsTo("reactions.add")
      .filter((call) => call.args.timestamp === event.ts);
    expect(reactions.map((call) => call.args)).toEqual([
      // Bolt's client adds the team to every call.
      { channel: "C0MENTION", timestamp: event.ts, name: "eyes", team_id: teamId },
    ]);
    const statuses = harness.slack
      .callsTo("assistant.threads.setStatus")
      .filter((call) => call.args.thread_ts === event.ts);
    expect(statuses.map((call) => call.args)).toEqual([
      { channel_id: "C0MENTION", thread_ts: event.ts, status: workingStatus, team_id: teamId },
    ]);
    expect(harness.slack.reactionsOn("C0MENTION", String(event.ts))).toEqual(["eyes"]);
  });

  it("threads the question under an existing thread", async () => {
    const parent = nextTs();
    const event = appMention(`<@${botUserId}> and for staging?`, {
      thread_ts: parent,
      channel: "C0THREADED",
    });
    await send(event, { eventId: "EvTHREADED" });
    const [job] = await jobsFor("EvTHREADED");
    expect(job).toMatchObject({ threadId: parent, messageId: event.ts });
  });

  it("carries <!channel> as text: neutralising pings is the reply side's job", async () => {
    await send(appMention(`<@${botUserId}> should I tell <!channel> about the outage?`), {
      eventId: "EvPING",
    });
    const [job] = await jobsFor("EvPING");
    expect(job?.text).toBe("should I tell <!channel> about the outage?");
  });

  it("takes one question from retries, redeliveries and a duplicate with a new event id", async () => {
    const event = appMention(`<@${botUserId}> What is our refund policy?`, { channel: "C0DUPES" });
    await send(event, { eventId: "EvDUPE1" });
    await send(event, { eventId: "EvDUPE1", retryNum: 1 });
    await send(event, { eventId: "EvDUPE1" });
    await send(event, { eventId: "EvDUPE2" });
    expect(acks.slice(-4).map((ack) => ack.status)).toEqual([200, 200, 200, 200]);

    const jobs = await jobsInChannel("C0DUPES");
    expect(jobs.map((job) => job.eventId)).toEqual(["EvDUPE1"]);
    expect(
      harness.slack.callsTo("reactions.add").filter((call) => call.args.channel === "C0DUPES"),
    ).toHaveLength(1);
  });

  it("takes one question from concurrent deliveries", async () => {
    const event = appMention(`<@${botUserId}> Who approves expenses?`, { channel: "C0RACE" });
    await Promise.all([
      send(event, { eventId: "EvRACE1" }),
      send(event, { eventId: "EvRACE1", retryNum: 1 }),
      send(event, { eventId: "EvRACE2" }),
    ]);
    expect(await jobsInChannel("C0RACE")).toHaveLength(1);
  });
});

describe("direct messages and threads", () => {
  it("takes a direct message as a question, no mention needed", async () => {
    const event = channelMessage("How many vacation days do we get?", {
      channel: "D0ASKER",
      channel_type: "im",
    });
    await send(event, { eventId: "EvDM" });
    expect(await jobsFor("EvDM")).toEqual([
      expect.objectContaining({
        channelId: "D0ASKER",
        threadId: event.ts,
        text: "How many vacation days do we get?",
      }),
    ]);
  });

  it("takes a follow-up in a thread the bot answered in, without a mention", async () => {
    const first = appMention(`<@${botUserId}> How do we deploy?`, { channel: "C0FOLLOW" });
    await send(first, { eventId: "EvFOLLOW1" });
    await harness.jobs();
    const followUp = channelMessage("And how do I roll back?", { channel: "C0FOLLOW", thread_ts: first.ts });
    await send(followUp, { eventId: "EvFOLLOW2" });

    expect(await jobsFor("EvFOLLOW2")).toEqual([
      expect.objectContaining({
        threadId: first.ts,
        messageId: followUp.ts,
        text: "And how do I roll back?",
      }),
    ]);
  });

  it("takes a mention inside a followed thread once, though it arrives as app_mention and message", async () => {
    const first = appMention(`<@${botUserId}> Where is the style guide?`, { channel: "C0BOTH" });
    await send(first, { eventId: "EvBOTH1" });
    await harness.jobs();
    const text = `<@${botUserId}> and the logo files?`;
    const ts = nextTs();
    await Promise.all([
      send(appMention(text, { channel: "C0BOTH", thread_ts: first.ts, ts }), { eventId: "EvBOTH2" }),
      send(channelMessage(text, { channel: "C0BOTH", thread_ts: first.ts, ts }), { eventId: "EvBOTH3" }),
    ]);
    const jobs = (await jobsInChannel("C0BOTH")).filter((job) => job.messageId === ts);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.text).toBe("and the logo files?");
  });

  it("ignores messages in threads and channels the bot is not part of", async () => {
    await send(channelMessage("lunch anyone?", { channel: "C0QUIET" }), { eventId: "EvQUIET1" });
    await send(channelMessage("sure", { channel: "C0QUIET", thread_ts: nextTs() }), { eventId: "EvQUIET2" });
    expect(await jobsInChannel("C0QUIET")).toEqual([]);
    expect(postsIn("C0QUIET")).toEqual([]);
    expect(harness.slack.callsTo("reactions.add").filter((call) => call.args.channel === "C0QUIET")).toEqual(
      [],
    );
  });

  it("leaves people talking to each other in a followed thread alone", async () => {
    const first = appMention(`<@${botUserId}> What's the wifi password?`, { channel: "C0PEOPLE" });
    await send(first, { eventId: "EvPEOPLE1" });
    await harness.jobs();
    await send(
      channelMessage("<@U0OTHER> did that work for you?", { channel: "C0PEOPLE", thread_ts: first.ts }),
      {
        eventId: "EvPEOPLE2",
      },
    );
    await send(channelMessage(":pray:", { channel: "C0PEOPLE", thread_ts: first.ts }), {
      eventId: "EvPEOPLE3",
    });
    expect((await jobsInChannel("C0PEOPLE")).map((job) => job.eventId)).toEqual(["EvPEOPLE1"]);
    expect(postsIn("C0PEOPLE")).toEqual([]);
  });
});

describe("what is not a question", () => {
  it("ignores the bot's own messages and other bots", async () => {
    await send(appMention(`<@${botUserId}> I am a bot`, { channel: "C0BOTS", bot_id: "B0OTHER" }));
    await send(
      channelMessage("beep", {
        channel: "D0BOTS",
        channel_type: "im",
        bot_id: "B0OTHER",
        user: "U0OTHERBOT",
      }),
    );
    await send(
      channelMessage("an answer", {
        channel: "D0BOTS",
        channel_type: "im",
        subtype: "bot_message",
        user: undefined,
      }),
    );
    await send(channelMessage("my own answer", { channel: "D0BOTS", channel_type: "im", user: botUserId }));
    await send(
      channelMessage("edited", {
        channel: "D0BOTS",
        channel_type: "im",
        subtype: "message_changed",
        user: undefined,
      }),
    );
    expect(await jobsInChannel("C0BOTS")).toEqual([]);
    expect(await jobsInChannel("D0BOTS")).toEqual([]);
    expect([...postsIn("C0BOTS"), ...postsIn("D0BOTS")]).toEqual([]);
  });

  it("answers an empty mention with a hint in the thread", async () => {
    const event = appMention(`<@${botUserId}>`, { channel: "C0EMPTY" });
    await send(event, { eventId: "EvEMPTY" });
    expect(await jobsInChannel("C0EMPTY")).toEqual([]);
    expect(postsIn("C0EMPTY").map((call) => call.args)).toEqual([
      expect.objectContaining({ channel: "C0EMPTY", thread_ts: event.ts, text: helpText(botUserId) }),
    ]);
  });

  it("answers an emoji-only mention with the hint", async () => {
    const event = appMention(`<@${botUserId}> :wave: 🎉`, { channel: "C0EMOJI" });
    await send(event);
    await harness.jobs();
    expect(postsIn("C0EMOJI").map((call) => call.args.text)).toEqual([helpText(botUserId)]);
    expect(await jobsInChannel("C0EMOJI")).toEqual([]);
  });

  it("answers a file shared without text with the hint", async () => {
    const event = channelMessage("", {
      channel: "D0FILES",
      channel_type: "im",
      subtype: "file_share",
      files: [{ id: "F0001", name: "report.pdf" }],
    });
    await send(event);
    await harness.jobs();
    expect(postsIn("D0FILES").map((call) => call.args)).toEqual([
      expect.objectContaining({ thread_ts: event.ts, text: helpText(botUserId) }),
    ]);
    expect(await jobsInChannel("D0FILES")).toEqual([]);
  });

  it("answers a 40,000-character message with the limit and enqueues nothing", async () => {
    const event = appMention(`<@${botUserId}> ${"why is the build slow? ".repeat(1819).slice(0, 40_000)}`, {
      channel: "C0LONG",
    });
    const sent = await send(event);
    expect(sent.status).toBe(200);
    await harness.jobs();
    expect(postsIn("C0LONG").map((call) => call.args)).toEqual([
      expect.objectContaining({ thread_ts: event.ts, text: tooLongText(40_000) }),
    ]);
    expect(String(postsIn("C0LONG")[0]?.args.text)).toContain("4,000");
    expect(await jobsInChannel("C0LONG")).toEqual([]);
  });

  it("ignores an event from a team with no workspace, harmlessly", async () => {
    const sent = await send(appMention(`<@${botUserId}> hello?`, { channel: "C0STRANGER" }), {
      teamId: "T0STRANGER",
    });
    expect(sent.status).toBe(200);
    expect(await jobsInChannel("C0STRANGER")).toEqual([]);
    expect(postsIn("C0STRANGER")).toEqual([]);
  });
});

describe("the HTTP endpoint", () => {
  it("refuses a bad signature with 401 and enqueues nothing", async () => {
    const body = slackEventBody(appMention(`<@${botUserId}> forged`, { channel: "C0FORGED" }), { teamId });
    const sent = await harness.post(body, signSlackRequest(body, "not-the-secret"));
    expect(sent.status).toBe(401);
    const unsigned = await harness.post(body, {});
    expect(unsigned.status).toBe(401);
    expect(await jobsInChannel("C0FORGED")).toEqual([]);
  });

  it("refuses a correctly signed request older than five minutes", async () => {
    const body = slackEventBody(appMention(`<@${botUserId}> replayed`, { channel: "C0REPLAY" }), { teamId });
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const sent = await harness.post(body, signSlackRequest(body, signingSecret, sixMinutesAgo));
    expect(sent.status).toBe(401);
    expect(await jobsInChannel("C0REPLAY")).toEqual([]);
  });

  it("answers malformed JSON with 400 and keeps serving", async () => {
    const body = '{"type":"event_callback","event":{"type":"app_mention"';
    const sent = await harness.post(body, signSlackRequest(body, signingSecret));
    expect(sent.status).toBe(400);

    const event = appMention(`<@${botUserId}> still there?`, { channel: "C0AFTERBAD" });
    expect((await send(event)).status).toBe(200);
    expect(await jobsInChannel("C0AFTERBAD")).toHaveLength(1);
  });

  it("answers Slack's url_verification challenge", async () => {
    const body = JSON.stringify({
      token: "legacy",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
      type: "url_verification",
    });
    const sent = await harness.post(body, signSlackRequest(body, signingSecret));
    expect(sent.status).toBe(200);
    expect(JSON.parse(sent.body)).toEqual({
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
  });

  it("acknowledged every event of this file within 3 seconds", () => {
    expect(acks.length).toBeGreaterThan(20);
    for (const ack of acks) expect(ack.ms).toBeLessThan(3_000);
  });
});

describe("a restarted bot", () => {
  it("still recognises events it took before the restart", async () => {
    const event = appMention(`<@${botUserId}> Where are the onboarding docs?`, { channel: "C0RESTART" });
    await send(event, { eventId: "EvRESTART1" });
    await harness.jobs();
    await harness.restart();
    await send(event, { eventId: "EvRESTART1", retryNum: 1 });
    await send(event, { eventId: "EvRESTART2" });
    expect((await jobsInChannel("C0RESTART")).map((job) => job.eventId)).toEqual(["EvRESTART1"]);
  });
});
