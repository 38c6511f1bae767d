import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Redis } from "ioredis";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { main } from "../../cli/main.ts";
import { freePort } from "./free-port.ts";
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
   * Redis prefix and port, stdout and stderr piped; `env` adds the rest (Slack credentials, LOG_LEVEL).
   */
  spawnSabio(argv: string[], env: Record<string, string>): ChildProcess;
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
  const folder = join(temp.path, "handbook");
  await mkdir(folder);
  await writeFile(
    join(folder, "parking.md"),
    "# Parking\n\nVisitors park on level minus two of the garage.\n",
  );
  const dataDir = join(temp.path, "data");
  const quiet = { out: () => {}, note: () => {}, write: () => {} };
  const ingested = await main(
    ["ingest", folder, "--workspace", workspace],
    { DATA_DIR: dataDir, OLLAMA_HOST: ollama.host },
    quiet,
  );
  if (ingested !== 0) throw new Error(`ingest into ${workspace} failed with ${ingested}`);
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
      spawn(process.execPath, ["--disable-warning=ExperimentalWarning", "cli/main.ts", ...argv], {
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          OLLAMA_HOST: ollama.host,
          REDIS_URL: testRedisUrl,
          QUEUE_PREFIX: prefix,
          SLACK_API_URL: slack.apiUrl,
          PORT: String(port),
          SHUTDOWN_TIMEOUT_SECONDS: "5",
          ...env,
        },
        stdio: ["ignore", "pipe", "pipe"],
      }),
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
