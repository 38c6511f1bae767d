import { verifySlackRequest } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { signSlackRequest, slackEventBody, slackInteractionBody } from "../../helpers/slack-signing.ts";

describe("Slack request signing helper", () => {
  const secret = "8f742231b10e8888abcd99yyyzzz85a5";

  it("signs bodies the way Bolt verifies them", () => {
    const body = slackEventBody(
      { type: "app_mention", user: "U1", text: "<@U0BOT> hi", ts: "1700000000.000100", channel: "C1" },
      { teamId: "T0TEAM", eventId: "Ev0001" },
    );
    const headers = signSlackRequest(body, secret);
    const verify = (signed: typeof headers, nowMilliseconds = Date.now()) =>
      verifySlackRequest({
        signingSecret: secret,
        body,
        headers: {
          "x-slack-signature": signed["x-slack-signature"],
          "x-slack-request-timestamp": Number(signed["x-slack-request-timestamp"]),
        },
        nowMilliseconds,
      });
    expect(() => verify(headers)).not.toThrow();
    expect(() => verify(signSlackRequest(body, "wrong-secret"))).toThrow();
    expect(() => verify(signSlackRequest(body, secret, Math.floor(Date.now() / 1000) - 600))).toThrow();
  });

  it("wraps an event in an event_callback envelope", () => {
    const envelope = JSON.parse(
      slackEventBody({ type: "app_mention" }, { teamId: "T0TEAM", eventId: "Ev42" }),
    );
    expect(envelope).toMatchObject({
      type: "event_callback",
      team_id: "T0TEAM",
      event_id: "Ev42",
      event: { type: "app_mention" },
      authorizations: [{ team_id: "T0TEAM", is_bot: true }],
    });
    expect(typeof envelope.event_time).toBe("number");
  });

  it("encodes interaction payloads as Slack's form body", () => {
    const body = slackInteractionBody({ type: "block_actions", actions: [{ action_id: "feedback_up" }] });
    expect(JSON.parse(new URLSearchParams(body).get("payload") ?? "")).toMatchObject({
      type: "block_actions",
    });
  });
});
