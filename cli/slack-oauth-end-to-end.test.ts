import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testRedisUrl } from "#shared/queue/queue-test-kit.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { freePort } from "#test/helpers/free-port.ts";
import { waitForOutput } from "#test/helpers/process-output.ts";
import { signSlackRequest, slackEventBody } from "#test/helpers/slack-signing.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { main } from "./main.ts";

const signingSecret = "test-signing-secret";

/** Multi-workspace: a team installs Sabio through /slack/install and gets answers from its own workspace. */
describe("sabio start with Slack OAuth (real process, stand-in Slack and Ollama)", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let ollama: OllamaStandIn;
  let slack: SlackStandIn;
  let child: ChildProcess | undefined;
  let port: number;
  const prefix = `sabio-test-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    temp = await makeTempDir();
    ollama = await startOllamaStandIn();
    slack = await startSlackStandIn({
      teamId: "T0001",
      botUserId: "UBOT",
      users: { U123: { name: "ana", isAdmin: true } },
    });
    const folder = join(temp.path, "handbook");
    await mkdir(folder);
    await writeFile(
      join(folder, "parking.md"),
      "# Parking\n\nVisitors park on level minus two of the garage.\n",
    );
    const quiet = { out: () => {}, note: () => {}, write: () => {} };
    // The team's workspace is its team id in lower case.
    expect(
      await main(
        ["ingest", folder, "--workspace", "t0001"],
        { DATA_DIR: join(temp.path, "data"), OLLAMA_HOST: ollama.host },
        quiet,
      ),
    ).toBe(0);
    port = await freePort();
  });

  afterAll(async () => {
    child?.kill("SIGKILL");
    const redis = new Redis(testRedisUrl);
    await removeQueues(redis, prefix);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await slack?.close();
    await ollama?.stop();
    await temp?.remove();
  });

  it("installs, then answers the installed team's mention with its own token", async () => {
    const encryptionKey = randomBytes(32).toString("base64");
    child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", "cli/main.ts", "start"], {
      env: {
        ...process.env,
        DATA_DIR: join(temp.path, "data"),
        OLLAMA_HOST: ollama.host,
        REDIS_URL: testRedisUrl,
        QUEUE_PREFIX: prefix,
        SLACK_CLIENT_ID: "1111.2222",
        SLACK_CLIENT_SECRET: "client-secret-e2e",
        SLACK_STATE_SECRET: "state-secret-e2e",
        ENCRYPTION_KEY: encryptionKey,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        LOG_LEVEL: "debug",
        SHUTDOWN_TIMEOUT_SECONDS: "5",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let logs = "";
    child.stderr?.on("data", (data: Buffer) => {
      logs += data.toString();
    });
    child.stdout?.on("data", (data: Buffer) => {
      logs += data.toString();
    });
    await waitForOutput(child, /sabio started/);

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
