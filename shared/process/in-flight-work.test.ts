import { describe, expect, it } from "vitest";
import { inFlightWork } from "./in-flight-work.ts";

describe("inFlightWork", () => {
  it("settle waits for tracked work, including work that fails", async () => {
    const work = inFlightWork();
    const held = Promise.withResolvers<string>();
    const failing = Promise.withResolvers<string>();
    const tracked = work.track(held.promise);
    work.track(failing.promise).catch(() => {});
    expect(work.size).toBe(2);

    let settled = false;
    const settling = work.settle(600_000).then(() => {
      settled = true;
    });
    failing.reject(new Error("Slack is down"));
    await failing.promise.catch(() => {});
    // One of two is done; after every pending callback has run, settle still waits for the other.
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    held.resolve("sent");
    await settling;
    expect(settled).toBe(true);
    expect(await tracked).toBe("sent");
    expect(work.size).toBe(0);
  });

  it("settle gives up after its bound when work never ends", async () => {
    const work = inFlightWork();
    work.track(new Promise(() => {}));
    await work.settle(10);
    expect(work.size).toBe(1);
  });

  it("settle with nothing tracked returns at once", async () => {
    await inFlightWork().settle(600_000);
  });
});
