import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { waitForOutput, waitForStart } from "#test/helpers/process-output.ts";
import { testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { spawnSabio } from "#test/helpers/spawn-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";

/** A real `sabio start` in which something fails outside every handler: it must not limp on. */
describe("sabio start after an error nothing caught", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let ollama: OllamaStandIn;
  const children: ChildProcess[] = [];
  const prefix = `sabio-test-${randomUUID().slice(0, 8)}`;
  const connection = createRedisConnection(testRedisUrl, { role: "producer", logger: silentLogger() });

  beforeAll(async () => {
    temp = await makeTempDir();
    ollama = await startOllamaStandIn();
  });
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await removeQueues(connection, prefix);
    await closeRedisConnection(connection);
    await ollama?.stop();
    await temp?.remove();
  });

  function start(failure: "exception" | "rejection"): ChildProcess {
    const child = spawnSabio(
      ["start", "answer"],
      {
        dataDir: join(temp.path, "data"),
        ollamaHost: ollama.host,
        prefix,
        nodeArgs: ["--import", "./test/helpers/fail-on-signal.ts"],
      },
      { SABIO_TEST_FAILURE: failure },
    );
    children.push(child);
    return child;
  }

  it.each(["exception", "rejection"] as const)(
    "logs an unhandled %s without the token, shuts down gracefully and exits 1 for PM2 to restart",
    async (failure) => {
      const child = start(failure);
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      await waitForStart(child);
      child.kill("SIGUSR2");
      const output = await waitForOutput(child, /shutdown complete/, 60_000);
      expect(await exited).toBe(1);
      expect(output).toMatch(/fatal error: shutting down/);
      expect(output).toContain(failure === "exception" ? "uncaughtException" : "unhandledRejection");
      expect(output).toContain("library bug while calling Slack");
      expect(output).not.toContain("fake-token");
    },
    // Two process starts and a graceful shutdown: a loaded 2-core machine needs more than the default.
    180_000,
  );
});
