import { EventEmitter } from "node:events";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  captureLogger,
  deferred,
  randomPrefix,
  sampleQuestion,
  testRedisUrl,
} from "#test/helpers/queue-test-kit.ts";
import { createProducer, type Producer } from "./enqueue.ts";
import { onShutdown, type ShutdownHandle } from "./graceful-shutdown.ts";
import { closeRedisConnection, createRedisConnection } from "./redis-connection.ts";
import { removeQueues } from "./remove-queues.ts";
import { type RunningWorker, runWorker } from "./run-worker.ts";

/** An exit double: the codes it was called with, and a promise for the first. */
function fakeExit() {
  const codes: number[] = [];
  const first = deferred<number>();
  return {
    codes,
    exited: first.promise,
    exit: (code: number) => {
      codes.push(code);
      first.resolve(code);
    },
  };
}

const neverSettles = () => new Promise<void>(() => {});

describe("onShutdown", () => {
  const handles: ShutdownHandle[] = [];
  afterEach(() => {
    for (const handle of handles.splice(0)) handle.dispose();
  });

  function install(
    closers: Array<() => Promise<void>>,
    options: Partial<Parameters<typeof onShutdown>[1]> = {},
  ) {
    const source = new EventEmitter();
    const exit = fakeExit();
    const { logger, lines } = captureLogger();
    handles.push(onShutdown(closers, { timeoutMs: 1_000, logger, source, exit: exit.exit, ...options }));
    return { source, lines, ...exit };
  }

  it("runs every closer on the first signal and exits 0", async () => {
    const closed: string[] = [];
    const { source, exited, codes } = install([
      async () => void closed.push("worker"),
      async () => void closed.push("queue"),
    ]);
    source.emit("SIGTERM", "SIGTERM");
    expect(await exited).toBe(0);
    expect(closed.sort()).toEqual(["queue", "worker"]);
    expect(codes).toEqual([0]);
  });

  it("exits 1 when a closer fails, after the others ran", async () => {
    let otherRan = false;
    const { source, exited, lines } = install([
      () => {
        throw new Error("boom");
      },
      async () => {
        otherRan = true;
      },
    ]);
    source.emit("SIGINT", "SIGINT");
    expect(await exited).toBe(1);
    expect(otherRan).toBe(true);
    expect(lines.some((line) => line.msg === "a closer failed during shutdown")).toBe(true);
  });

  it("runs the force closers and exits 1 when the closers outlast the timeout", async () => {
    let forced = false;
    const startedAt = performance.now();
    const { source, exited } = install([neverSettles], {
      timeoutMs: 100,
      forceClosers: [
        async () => {
          forced = true;
        },
      ],
    });
    source.emit("SIGTERM", "SIGTERM");
    expect(await exited).toBe(1);
    expect(forced).toBe(true);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(95);
  });

  it("does not wait for force closers that hang either", async () => {
    const { source, exited } = install([neverSettles], {
      timeoutMs: 20,
      forceClosers: [neverSettles],
      forceTimeoutMs: 20,
    });
    source.emit("SIGTERM", "SIGTERM");
    expect(await exited).toBe(1);
  });

  it("exits 1 at once on a second signal, and only once", async () => {
    const { source, codes } = install([neverSettles], { timeoutMs: 60_000 });
    source.emit("SIGTERM", "SIGTERM");
    expect(codes).toEqual([]);
    source.emit("SIGINT", "SIGINT");
    expect(codes).toEqual([1]);
    source.emit("SIGINT", "SIGINT");
    expect(codes).toEqual([1]);
  });

  it("listens only to the given signals and stops listening when disposed", async () => {
    const { source, codes } = install([async () => {}], { signals: ["SIGUSR2"] });
    source.emit("SIGTERM", "SIGTERM");
    handles[0]?.dispose();
    source.emit("SIGUSR2", "SIGUSR2");
    await new Promise((resolve) => setImmediate(resolve));
    expect(codes).toEqual([]);
  });
});

describe("onShutdown with a real worker", () => {
  let prefix: string;
  let workerConnection: Redis;
  let producerConnection: Redis;
  let producer: Producer;
  let worker: RunningWorker | undefined;
  let handle: ShutdownHandle | undefined;

  beforeEach(() => {
    prefix = randomPrefix();
    const { logger } = captureLogger();
    workerConnection = createRedisConnection(testRedisUrl, { role: "worker", logger });
    producerConnection = createRedisConnection(testRedisUrl, { role: "producer", logger });
    producer = createProducer(producerConnection, { prefix });
  });

  afterEach(async () => {
    handle?.dispose();
    await worker?.close();
    await producer.close();
    await removeQueues(producerConnection, prefix);
    await Promise.all([closeRedisConnection(workerConnection), closeRedisConnection(producerConnection)]);
  });

  it("lets the job in hand finish, then closes and exits 0", async () => {
    const started = deferred();
    const release = deferred();
    const { logger } = captureLogger();
    worker = runWorker(
      "questions",
      async () => {
        started.resolve();
        await release.promise;
      },
      { connection: workerConnection, logger, prefix },
    );
    const { jobId } = await producer.enqueue("questions", sampleQuestion());
    await started.promise;

    const source = new EventEmitter();
    const exit = fakeExit();
    const running = worker;
    handle = onShutdown([() => running.close()], { timeoutMs: 10_000, logger, source, exit: exit.exit });
    source.emit("SIGTERM", "SIGTERM");

    // While the job runs, nothing exits.
    const early = await Promise.race([
      exit.exited,
      new Promise((resolve) => setTimeout(resolve, 150, "waiting")),
    ]);
    expect(early).toBe("waiting");

    release.resolve();
    expect(await exit.exited).toBe(0);
    const queue = new Queue("questions", { connection: producerConnection, prefix });
    try {
      expect(await (await queue.getJob(jobId))?.getState()).toBe("completed");
    } finally {
      await queue.close();
    }
  });

  it("forces the close when a job hangs past the timeout, aborting the job's signal", async () => {
    const started = deferred();
    const aborted = deferred();
    const { logger } = captureLogger();
    worker = runWorker(
      "questions",
      async (_payload, context) => {
        started.resolve();
        // A hung call that honours its signal, like a fetch to the model server.
        await new Promise<void>((resolve) => context.signal.addEventListener("abort", () => resolve()));
        aborted.resolve();
      },
      { connection: workerConnection, logger, prefix },
    );
    await producer.enqueue("questions", sampleQuestion());
    await started.promise;

    const source = new EventEmitter();
    const exit = fakeExit();
    const running = worker;
    const startedAt = performance.now();
    handle = onShutdown([() => running.close()], {
      timeoutMs: 200,
      forceClosers: [() => running.close(true)],
      logger,
      source,
      exit: exit.exit,
    });
    source.emit("SIGTERM", "SIGTERM");

    expect(await exit.exited).toBe(1);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(195);
    await aborted.promise;
  });
});
