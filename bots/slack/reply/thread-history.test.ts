import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standInClient } from "#test/stand-ins/slack/stand-in-client.ts";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { threadHistory } from "./thread-history.ts";

describe("threadHistory", () => {
  let slack: SlackStandIn;

  beforeAll(async () => {
    slack = await startSlackStandIn({ teamId: "T1", botUserId: "UBOT" });
  });

  afterAll(async () => {
    await slack?.close();
  });

  it("gives the thread before the follow-up as turns: people are the user, the bot the assistant", async () => {
    const client = standInClient(slack, { token: "xoxb-test" });
    const parent = slack.seedMessage("C1", { user: "U1", text: "<@UBOT> where do employees park?" });
    await client.chat.postMessage({ channel: "C1", thread_ts: parent.ts, text: "On level minus one [1]." });
    const followUp = slack.seedMessage("C1", {
      user: "U1",
      text: "and visitors &amp; guests?",
      thread_ts: parent.ts,
    });
    slack.seedMessage("C1", { user: "U2", text: "a later message", thread_ts: parent.ts });

    const turns = await threadHistory(
      client,
      { workspaceId: "w", channelId: "C1", threadId: parent.ts, messageId: followUp.ts },
      10,
    );
    expect(turns).toEqual([
      { role: "user", text: "where do employees park?" },
      { role: "assistant", text: "On level minus one [1]." },
    ]);
  });

  it("is empty for a question that starts its thread", async () => {
    const client = standInClient(slack, { token: "xoxb-test" });
    const question = slack.seedMessage("C2", { user: "U1", text: "<@UBOT> hello?" });
    expect(
      await threadHistory(
        client,
        { workspaceId: "w", channelId: "C2", threadId: question.ts, messageId: question.ts },
        10,
      ),
    ).toEqual([]);
  });

  it("keeps only the last turns up to the limit", async () => {
    const client = standInClient(slack, { token: "xoxb-test" });
    const parent = slack.seedMessage("C3", { user: "U1", text: "first" });
    for (const text of ["second", "third", "fourth"])
      slack.seedMessage("C3", { user: "U1", text, thread_ts: parent.ts });
    const last = slack.seedMessage("C3", { user: "U1", text: "the question", thread_ts: parent.ts });
    const turns = await threadHistory(
      client,
      { workspaceId: "w", channelId: "C3", threadId: parent.ts, messageId: last.ts },
      2,
    );
    expect(turns.map((turn) => turn.text)).toEqual(["third", "fourth"]);
  });
});
