import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { freePort } from "./free-port.ts";
import { ingestParkingHandbook } from "./parking-handbook.ts";
import { signSlackRequest } from "./slack-signing.ts";
import { spawnSabio } from "./spawn-sabio.ts";
import { makeTempDir } from "./temp-dir.ts";

export interface SlackProcessFixture {
  temp: { path: string };
  ollama: OllamaStandIn;
  slack: SlackStandIn;
  /** The port the `sabio start` child should listen on. */
  port: number;
  /** Queue and key prefix of this test run in the shared Redis. */
  prefix: string;
  dataDir: string;
  /**
   * Runs `sabio <argv>` (e.g. `start`) as a child process on the fixture's data dir, stand-ins,
   * Redis prefix and port (spawn-sabio.ts), stdout and stderr piped; `env` adds the rest (Slack
   * credentials) or overrides (LOG_LEVEL, REDIS_URL).
   */
  spawnSabio(argv: string[], env: Record<string, string>): ChildProcess;
  /**
   * POSTs a raw Events API `body` to the child's /slack/events, signed with `signingSecret` as
   * Slack signs it; `headers` adds or overrides (retry headers). Resolves with the HTTP status.
   */
  deliver(body: string, signingSecret: string, headers?: Record<string, string>): Promise<number>;
  /** Stops the stand-ins, removes the run's Redis keys and the temp folder. */
  dispose(): Promise<void>;
}

/**
 * What the process-level Slack tests share: Slack and Ollama stand-ins (team T0001, admin U123),
 * a small handbook ingested into `workspace`, a free port and a Redis prefix of their own.
 */
export async function startSlackProcessFixture(workspace: string): Promise<SlackProcessFixture> {
  const temp = await makeTempDir();
  const ollama = await startOllamaStandIn();
  const slack = await startSlackStandIn({
    teamId: "T0001",
    botUserId: "UBOT",
    users: { U123: { name: "ana", isAdmin: true } },
  });
  const dataDir = await ingestParkingHandbook(temp.path, ollama.host, workspace);
  const prefix = `sabio-test-${randomUUID().slice(0, 8)}`;
  const port = await freePort();
  return {
    temp,
    ollama,
    slack,
    port,
    prefix,
    dataDir,
    spawnSabio: (argv, env) =>
      spawnSabio(
        argv,
        { dataDir, ollamaHost: ollama.host, prefix },
        { SLACK_API_URL: slack.apiUrl, PORT: String(port), ...env },
      ),
    async deliver(body, signingSecret, headers = {}) {
      const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: "POST",
        headers: { "content-type": "application/json", ...signSlackRequest(body, signingSecret), ...headers },
        body,
      });
      return response.status;
    },
    async dispose() {
      const redis = new Redis(testRedisUrl);
      await removeQueues(redis, prefix);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await slack.close();
      await ollama.stop();
      await temp.remove();
    },
  };
}
