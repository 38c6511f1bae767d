import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { createProducer } from "#shared/queue/enqueue.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { ingestParkingHandbook } from "./parking-handbook.ts";
import { testRedisUrl } from "./queue-test-kit.ts";
import { silentLogger } from "./silent-logger.ts";
import { spawnSabio } from "./spawn-sabio.ts";
import { makeTempDir } from "./temp-dir.ts";

/** The workspace the handbook is ingested into and questions are asked in. */
const answerWorkspaceId = "acme";

export interface AnswerProcessKit {
  /** The data directory the handbook (one page, parking.md: "level minus two") is ingested into. */
  dataDir: string;
  /** Runs `sabio start answer` on the kit's data dir, Ollama and Redis prefix; `env` adds or overrides. */
  startAnswer(env?: Record<string, string>): ChildProcess;
  /** Queues "Where do visitors park?" as a CLI question with `eventId`, as `sabio ask` would. */
  ask(eventId: string): Promise<void>;
}

/**
 * What the `sabio start answer` process tests share: the Ollama stand-in, the handbook ingested
 * before the enclosing suite, and a Redis prefix of their own; all removed after the suite.
 * Stopping the children stays with each test, which knows how it wants them gone.
 */
export function useAnswerProcessKit(): () => AnswerProcessKit {
  let temp: Awaited<ReturnType<typeof makeTempDir>> | undefined;
  let ollama: OllamaStandIn | undefined;
  let kit: AnswerProcessKit | undefined;
  const prefix = `sabio-test-${randomUUID().slice(0, 8)}`;
  const connection = createRedisConnection(testRedisUrl, { role: "producer", logger: silentLogger() });

  beforeAll(async () => {
    temp = await makeTempDir();
    const started = await startOllamaStandIn();
    ollama = started;
    const dataDir = await ingestParkingHandbook(temp.path, started.host, answerWorkspaceId);
    kit = {
      dataDir,
      startAnswer: (childEnv = {}) =>
        spawnSabio(["start", "answer"], { dataDir, ollamaHost: started.host, prefix }, childEnv),
      async ask(eventId) {
        const producer = createProducer(connection, { prefix });
        await producer.enqueue("questions", {
          workspaceId: answerWorkspaceId,
          platform: "cli",
          eventId,
          text: "Where do visitors park?",
          receivedAt: new Date().toISOString(),
        });
        await producer.close();
      },
    };
  });

  afterAll(async () => {
    await removeQueues(connection, prefix);
    await closeRedisConnection(connection);
    await ollama?.stop();
    await temp?.remove();
  });

  return () => {
    if (!kit) throw new Error("the answer process kit is not set up yet");
    return kit;
  };
}
