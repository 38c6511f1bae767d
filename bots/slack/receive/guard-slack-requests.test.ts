import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signSlackRequest, slackEventBody } from "#test/helpers/slack-signing.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import {
  type OAuthHarness,
  botUserId as oauthBotUserId,
  signingSecret as oauthSigningSecret,
  startOAuthHarness,
} from "#test/slack/oauth-test-kit.ts";
import {
  appMention,
  botUserId,
  type ReceiveHarness,
  signingSecret,
  startReceiveHarness,
  teamId,
} from "#test/slack/receive-test-kit.ts";
import { slackEventsPath } from "./create-slack-app.ts";

const form = { "content-type": "application/x-www-form-urlencoded" };

/** Correctly signed bodies Bolt cannot handle: `null` used to kill the process, the rest hung or gave 500. */
const badBodies: { name: string; body: string; headers?: Record<string, string> }[] = [
  { name: "null", body: "null" },
  { name: "an empty array", body: "[]" },
  { name: "an array of an event", body: JSON.stringify([{ type: "event_callback" }]) },
  { name: "a number", body: "42" },
  { name: "a string", body: '"hello"' },
  { name: "true", body: "true" },
  { name: "an empty object", body: "{}" },
  {
    name: "an event envelope with event: null",
    body: JSON.stringify({ type: "event_callback", event: null }),
  },
  { name: "an event envelope without its event", body: JSON.stringify({ type: "event_callback" }) },
  {
    name: "an event without a type",
    body: JSON.stringify({ type: "event_callback", event: { text: "hi" } }),
  },
  { name: "payload=null (form)", body: "payload=null", headers: form },
  { name: "payload=[] (form)", body: "payload=%5B%5D", headers: form },
  { name: "payload=42 (form)", body: "payload=42", headers: form },
  { name: "a form without command or payload", body: "text=hello", headers: form },
];

describe("signed requests Bolt cannot handle (single workspace, HTTP)", () => {
  let harness: ReceiveHarness;
  beforeAll(async () => {
    harness = await startReceiveHarness();
  });
  afterAll(async () => {
    await harness.close();
  });

  async function channelJobs(channel: string) {
    return (await harness.jobs()).filter((job) => job.channelId === channel);
  }

  it.each(badBodies)("answers $name with 400, and the next mention is still handled", async (bad) => {
    const sent = await harness.post(bad.body, {
      ...bad.headers,
      ...signSlackRequest(bad.body, signingSecret),
    });
    expect(sent.status).toBe(400);

    const channel = `C0AFTER${badBodies.indexOf(bad)}`;
    const mention = await harness.sendEvent(appMention(`<@${botUserId}> still there?`, { channel }));
    expect(mention.status).toBe(200);
    expect(await channelJobs(channel)).toHaveLength(1);
  });

  it("refuses a correctly signed request timestamped ten minutes in the future, as an old one", async () => {
    const event = appMention(`<@${botUserId}> from the future`, { channel: "C0FUTURE" });
    const body = slackEventBody(event, { teamId });
    const tenMinutesAhead = Math.floor(Date.now() / 1000) + 10 * 60;
    const future = await harness.post(body, signSlackRequest(body, signingSecret, tenMinutesAhead));
    expect(future.status).toBe(401);
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 10 * 60;
    const old = await harness.post(body, signSlackRequest(body, signingSecret, tenMinutesAgo));
    expect(old.status).toBe(401);
    expect(await channelJobs("C0FUTURE")).toEqual([]);
  });

  it("still accepts a small clock difference ahead (Slack's clock a minute fast)", async () => {
    const event = appMention(`<@${botUserId}> slightly early`, { channel: "C0EARLY" });
    const body = slackEventBody(event, { teamId });
    const oneMinuteAhead = Math.floor(Date.now() / 1000) + 60;
    expect((await harness.post(body, signSlackRequest(body, signingSecret, oneMinuteAhead))).status).toBe(
      200,
    );
    expect(await channelJobs("C0EARLY")).toHaveLength(1);
  });

  it("refuses a bad body that is not signed with 401, not 400 (the shape is only judged once signed)", async () => {
    expect((await harness.post("null", {})).status).toBe(401);
    expect((await harness.post("null", signSlackRequest("null", "not-the-secret"))).status).toBe(401);
  });

  it("passes Slack's unsigned ssl_check and signed slash commands and interactions through to Bolt", async () => {
    const ssl = await harness.post("ssl_check=1&token=legacy", form);
    expect(ssl.status).toBe(200);

    harness.app().command("/guard-test", async ({ ack }) => {
      await ack("seen");
    });
    const command = new URLSearchParams({ command: "/guard-test", text: "hi", team_id: teamId }).toString();
    const commandSent = await harness.post(command, { ...form, ...signSlackRequest(command, signingSecret) });
    expect(commandSent).toMatchObject({ status: 200, body: "seen" });

    const clicked: string[] = [];
    harness.app().action("guard_button", async ({ ack, action }) => {
      await ack();
      clicked.push((action as { value?: string }).value ?? "");
    });
    const interaction = new URLSearchParams({
      payload: JSON.stringify({
        type: "block_actions",
        team: { id: teamId },
        user: { id: "U0ASKER" },
        actions: [{ type: "button", action_id: "guard_button", value: "pressed" }],
      }),
    }).toString();
    const clickSent = await harness.post(interaction, {
      ...form,
      ...signSlackRequest(interaction, signingSecret),
    });
    expect(clickSent.status).toBe(200);
    await vi.waitFor(() => expect(clicked).toEqual(["pressed"]));
  });
});

const pglite = testDatabaseBackends.filter((backend) => backend.kind === "pglite");

describe.each(pglite)("signed requests Bolt cannot handle (OAuth, $kind)", (backend) => {
  const db = useTestDatabase(backend);
  let harness: OAuthHarness;
  beforeAll(async () => {
    harness = await startOAuthHarness(db());
  });
  afterAll(async () => {
    await harness.close();
  });

  it("answers every bad signed body with 400, then still serves an installed team's mention", async () => {
    await harness.install();
    const seen: string[] = [];
    harness.slackApp.app.event("app_mention", async ({ event }) => {
      seen.push(event.channel);
    });
    for (const bad of badBodies) {
      const response = await fetch(`${harness.baseUrl}${slackEventsPath}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...bad.headers,
          ...signSlackRequest(bad.body, oauthSigningSecret),
        },
        body: bad.body,
      });
      await response.text();
      expect({ name: bad.name, status: response.status }).toEqual({ name: bad.name, status: 400 });
    }
    const mention = {
      type: "app_mention",
      user: "U0ASKER",
      text: `<@${oauthBotUserId}> still there?`,
      ts: "9.000100",
      channel: "C0OAUTHAFTER",
      event_ts: "9.000100",
    };
    expect(await harness.sendEvent(mention)).toBe(200);
    await vi.waitFor(() => expect(seen).toEqual(["C0OAUTHAFTER"]));
  });
});
