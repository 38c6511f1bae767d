import { describe, expect, it } from "vitest";
import { createSerialWriteQueue } from "./serial-write-queue.ts";

function recordingQueue(maxBatchSize = 100) {
  const log: string[] = [];
  const queue = createSerialWriteQueue<string>({
    maxBatchSize,
    writeBatch: async (items) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`write ${items.join(",")}`);
    },
  });
  return { log, queue };
}

describe("createSerialWriteQueue", () => {
  it("groups writes that arrive while a batch waits into one commit", async () => {
    const { log, queue } = recordingQueue();
    await Promise.all([queue.write(["a"]), queue.write(["b"]), queue.write(["c"])]);
    expect(log).toEqual(["write a,b,c"]);
  });

  it("never lets a write overtake a task queued before it", async () => {
    const { log, queue } = recordingQueue();
    const first = queue.write(["a"]);
    const task = queue.run(async () => {
      log.push("delete");
    });
    const second = queue.write(["b"]);
    await Promise.all([first, task, second]);
    expect(log).toEqual(["write a", "delete", "write b"]);
  });

  it("starts a new batch once the open one is full", async () => {
    const { log, queue } = recordingQueue(2);
    await Promise.all([queue.write(["a", "b"]), queue.write(["c"])]);
    expect(log).toEqual(["write a,b", "write c"]);
  });

  it("rejects the callers of a failed batch and carries on", async () => {
    let fail = true;
    const queue = createSerialWriteQueue<string>({
      maxBatchSize: 10,
      writeBatch: async () => {
        if (fail) throw new Error("disk full");
      },
    });
    await expect(queue.write(["a"])).rejects.toThrow("disk full");
    fail = false;
    await expect(queue.write(["b"])).resolves.toBeUndefined();
    await queue.drained();
  });
});
