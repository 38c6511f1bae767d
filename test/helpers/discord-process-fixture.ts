import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import type { JobPayload } from "#shared/queue/job-catalog.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import {
  type DiscordStandIn,
  type DiscordStandInOptions,
  startDiscordStandIn,
} from "#test/stand-ins/discord/discord-server.ts";
import {
  type OllamaStandIn,
  type OllamaStandInOptions,
  startOllamaStandIn,
} from "#test/stand-ins/ollama-server.ts";
import { ingestParkingHandbook } from "./parking-handbook.ts";
import { spawnSabio } from "./spawn-sabio.ts";
import { makeTempDir } from "./temp-dir.ts";

export interface DiscordProcessFixture {
  ollama: OllamaStandIn;
  discord: DiscordStandIn;
  /** Queue and key prefix of this test run in the shared Redis. */
  prefix: string;
  dataDir: string;
  /**
   * Runs `sabio <argv>` as a child on the fixture's stand-ins and Redis prefix, with DISCORD_TOKEN
   * and DISCORD_API_URL set; `dataDir` gives a second process a data dir of its own.
   */
  spawnSabio(argv: string[], env?: Record<string, string>, dataDir?: string): ChildProcess;
  /** Questions on the run's queue, whatever their state. */
  questionJobs(): Promise<JobPayload<"questions">[]>;
  dispose(): Promise<void>;
}

/**
 * What the process-level Discord tests share: Discord and Ollama stand-ins, a small handbook
 * ingested into `workspace`, and a Redis prefix of their own.
 */
export async function startDiscordProcessFixture(
  workspace: string,
  standIn: DiscordStandInOptions = {},
  ollamaOptions: OllamaStandInOptions = {},
): Promise<DiscordProcessFixture> {
  const temp = await makeTempDir();
  const ollama = await startOllamaStandIn(ollamaOptions);
  const discord = await startDiscordStandIn(standIn);
  const dataDir = await ingestParkingHandbook(temp.path, ollama.host, workspace);
  const prefix = `sabio-test-${randomUUID().slice(0, 8)}`;
  const redis = new Redis(testRedisUrl);
  const queue = new Queue("questions", { connection: redis, prefix });
  return {
    ollama,
    discord,
    prefix,
    dataDir,
    spawnSabio: (argv, env = {}, otherDataDir = dataDir) =>
      spawnSabio(
        argv,
        { dataDir: otherDataDir, ollamaHost: ollama.host, prefix },
        { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, SABIO_WORKSPACE: workspace, ...env },
      ),
    async questionJobs() {
      const jobs = await queue.getJobs([
        "waiting",
        "active",
        "delayed",
        "prioritized",
        "completed",
        "failed",
      ]);
      return jobs.map((job) => job.data as JobPayload<"questions">);
    },
    async dispose() {
      await queue.close();
      await removeQueues(redis, prefix);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await discord.close();
      await ollama.stop();
      await temp.remove();
    },
  };
}
