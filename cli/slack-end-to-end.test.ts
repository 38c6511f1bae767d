import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForOutput, waitForStart } from "#test/helpers/process-output.ts";
import { type SlackProcessFixture, startSlackProcessFixture } from "#test/helpers/slack-process-fixture.ts";
import { signSlackRequest, slackEventBody, slackInteractionBody } from "#test/helpers/slack-signing.ts";
import { buttonClick } from "#test/slack/slack-interaction-payloads.ts";
import type { SlackStandIn } from "#test/stand-ins/slack-server.ts";

const signingSecret = "test-signing-secret";

/** The "done": `sabio start` answers a signed app_mention once, in its thread, with sources. */
// Each test starts a process (up to processStartMs on a loaded machine), then works with it.
describe("sabio start with Slack (real process, stand-in Slack and Ollama)", { timeout: 180_000 }, () => {
  let fixture: SlackProcessFixture;
  let slack: SlackProcessFixture["slack"];
  let port: number;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    fixture = await startSlackProcessFixture("default");
    ({ slack, port } = fixture);
  });

  afterAll(async () => {
    child?.kill("SIGKILL");
    await fixture?.dispose();
  });

  const deliver = (body: string, headers: Record<string, string> = {}) =>
    fixture.deliver(body, signingSecret, headers);

  it("answers a mention delivered three times exactly once, in the thread, cited, with buttons", async () => {
    child = fixture.spawnSabio(["start"], {
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: signingSecret,
      LOG_LEVEL: "info",
    });
    await waitForStart(child);

    const event = {
      type: "app_mention",
      user: "U123",
      text: "<@UBOT> where do visitors park?",
      ts: "1700000000.000100",
      channel: "C0001",
      event_ts: "1700000000.000100",
    };
    // Both repeats are decided on (and logged) before the answer is counted, so none can come later.
    const repeatsIgnored = waitForOutput(
      child,
      /duplicate slack delivery ignored[\s\S]*duplicate slack delivery ignored/,
    );
    const first = slackEventBody(event, { teamId: "T0001", eventId: "Ev0001" });
    expect(await deliver(first)).toBe(200);
    expect(await deliver(first, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" })).toBe(
      200,
    );
    expect(await deliver(slackEventBody(event, { teamId: "T0001", eventId: "Ev0002" }))).toBe(200);

    await slack.waitFor("reactions.add", 1, 10_000);
    const deadline = Date.now() + 20_000;
    let answers: ReturnType<SlackStandIn["thread"]> = [];
    while (Date.now() < deadline) {
      answers = slack
        .thread("C0001", "1700000000.000100")
        .filter((message) => message.bot_id && /level minus two/.test(message.text));
      if (answers.length > 0 && !JSON.stringify(answers).includes("Thinking")) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await repeatsIgnored;
    answers = slack
      .thread("C0001", "1700000000.000100")
      .filter((message) => message.bot_id && /level minus two/.test(message.text));
    expect(answers).toHaveLength(1);
    const answer = JSON.stringify(answers[0]);
    expect(answer).toContain("parking.md");
    expect(answer).toContain("sabio_approve");
    expect(slack.callsTo("reactions.add")[0]?.args).toMatchObject({
      name: "eyes",
      channel: "C0001",
      timestamp: "1700000000.000100",
    });
    for (const call of slack.calls.filter((item) => item.method.startsWith("chat."))) {
      expect(JSON.stringify(call.args)).not.toMatch(/<!channel>|<!here>|<!everyone>/);
    }

    // The admin approves it from the message: recorded, and the message says so.
    const questionId = /"value":"([0-9a-f-]{36})"/.exec(answer)?.[1];
    expect(questionId).toBeDefined();
    const click = slackInteractionBody(
      buttonClick({
        actionId: "sabio_approve",
        value: questionId ?? "",
        userId: "U123",
        teamId: "T0001",
        message: { channel: "C0001", ts: answers[0]?.ts ?? "", threadTs: "1700000000.000100" },
      }),
    );
    const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...signSlackRequest(click, signingSecret),
      },
      body: click,
    });
    expect(response.status).toBe(200);
    const deadlineApproval = Date.now() + 10_000;
    while (
      Date.now() < deadlineApproval &&
      !JSON.stringify(slack.messages("C0001")).includes("Approved by")
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(JSON.stringify(slack.messages("C0001"))).toContain("Approved by <@U123>");

    const exited = new Promise<number | null>((resolve) => child?.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
