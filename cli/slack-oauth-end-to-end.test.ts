import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForStart } from "#test/helpers/process-output.ts";
import { type SlackProcessFixture, startSlackProcessFixture } from "#test/helpers/slack-process-fixture.ts";
import { signSlackRequest, slackEventBody } from "#test/helpers/slack-signing.ts";
import type { SlackStandIn } from "#test/stand-ins/slack-server.ts";

const signingSecret = "test-signing-secret";

/** Multi-workspace: a team installs Sabio through /slack/install and gets answers from its own workspace. */
// Each test starts a process (up to processStartMs on a loaded machine), then works with it.
describe("sabio start with Slack OAuth (real process, stand-in Slack and Ollama)", {
  timeout: 180_000,
}, () => {
  let fixture: SlackProcessFixture;
  let slack: SlackProcessFixture["slack"];
  let port: number;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    fixture = await startSlackProcessFixture("t0001");
    ({ slack, port } = fixture);
  });

  afterAll(async () => {
    child?.kill("SIGKILL");
    await fixture?.dispose();
  });

  it("installs, then answers the installed team's mention with its own token", async () => {
    const encryptionKey = randomBytes(32).toString("base64");
    child = fixture.spawnSabio(["start"], {
      SLACK_CLIENT_ID: "1111.2222",
      SLACK_CLIENT_SECRET: "client-secret-e2e",
      SLACK_STATE_SECRET: "state-secret-e2e",
      ENCRYPTION_KEY: encryptionKey,
      SLACK_SIGNING_SECRET: signingSecret,
      LOG_LEVEL: "debug",
    });
    let logs = "";
    child.stderr?.on("data", (data: Buffer) => {
      logs += data.toString();
    });
    child.stdout?.on("data", (data: Buffer) => {
      logs += data.toString();
    });
    await waitForStart(child);

    const begin = await fetch(`http://127.0.0.1:${port}/slack/install`, { redirect: "manual" });
    const state = new URL(begin.headers.get("location") ?? "").searchParams.get("state") ?? "";
    const cookie = (begin.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
    const done = await fetch(`http://127.0.0.1:${port}/slack/oauth_redirect?code=good-code&state=${state}`, {
      headers: { cookie },
      redirect: "manual",
    });
    expect(done.status).toBe(200);

    const event = {
      type: "app_mention",
      user: "U123",
      text: "<@UBOT> where do visitors park?",
      ts: "1700000000.000100",
      channel: "C0001",
      event_ts: "1700000000.000100",
    };
    const body = slackEventBody(event, { teamId: "T0001", eventId: "Ev0001", botUserId: "UBOT" });
    const delivered = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/json", ...signSlackRequest(body, signingSecret) },
      body,
    });
    expect(delivered.status).toBe(200);
    const deadline = Date.now() + 20_000;
    let answers: ReturnType<SlackStandIn["thread"]> = [];
    while (Date.now() < deadline) {
      answers = slack
        .thread("C0001", "1700000000.000100")
        .filter((message) => message.bot_id && /level minus two/.test(message.text));
      if (answers.length > 0 && !JSON.stringify(answers).includes("Thinking")) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(answers).toHaveLength(1);
    const chatTokens = new Set(
      slack.calls.filter((call) => call.method.startsWith("chat.")).map((call) => call.token),
    );
    expect([...chatTokens]).toEqual(["xoxb-T0001-stand-in"]);
    expect(logs).not.toContain("client-secret-e2e");
    expect(logs).not.toContain("state-secret-e2e");
    expect(logs).not.toContain(encryptionKey);
    expect(logs).not.toMatch(/xox[a-z]-[A-Za-z0-9]/);

    const exited = new Promise<number | null>((resolve) => child?.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
