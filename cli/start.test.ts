import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProducer } from "#shared/queue/enqueue.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { waitForOutput } from "#test/helpers/process-output.ts";
import { testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { spawnSabio } from "#test/helpers/spawn-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { main } from "./main.ts";
import type { Output } from "./output.ts";

const quiet: Output = { out: () => {}, note: () => {}, write: () => {} };

describe("sabio start answer (a real process on real Redis)", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let ollama: OllamaStandIn;
  let child: ChildProcess | undefined;
  const prefix = `sabio-test-${randomUUID().slice(0, 8)}`;
  const logger = silentLogger();
  const connection = createRedisConnection(testRedisUrl, { role: "producer", logger });

  beforeAll(async () => {
    temp = await makeTempDir();
    ollama = await startOllamaStandIn();
    const folder = join(temp.path, "kb");
    await mkdir(folder);
    await writeFile(
      join(folder, "parking.md"),
      "# Parking\n\nVisitors park on level minus two of the garage.\n",
    );
    const env = { DATA_DIR: join(temp.path, "data"), OLLAMA_HOST: ollama.host };
    expect(await main(["ingest", folder, "--workspace", "acme"], env, quiet)).toBe(0);
  });

  afterAll(async () => {
    child?.kill("SIGKILL");
    await removeQueues(connection, prefix);
    await closeRedisConnection(connection);
    await ollama?.stop();
    await temp?.remove();
  });

  it("answers a queued question, then shuts down gracefully on SIGTERM", async () => {
    child = spawnSabio(["start", "answer"], {
      dataDir: join(temp.path, "data"),
      ollamaHost: ollama.host,
      prefix,
    });
    await waitForOutput(child, /sabio started/);
    const producer = createProducer(connection, { prefix });
    await producer.enqueue("questions", {
      workspaceId: "acme",
      platform: "cli",
      eventId: "cli-1",
      text: "Where do visitors park?",
      receivedAt: new Date().toISOString(),
    });
    const output = await waitForOutput(child, /Sources:[\s\S]*parking\.md/);
    expect(output).toContain("level minus two");
    await producer.close();

    const exited = new Promise<number | null>((resolve) => child?.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("refuses roles that do not exist yet, with exit code 2", async () => {
    expect(await main(["start", "telepathy"], { DATA_DIR: join(temp.path, "data") }, quiet)).toBe(2);
  });
});
