import { describe, expect, it } from "vitest";
import { createChannelPacer } from "./channel-pacer.ts";

/** A clock that moves only when the pacer sleeps, so the schedule it keeps can be read exactly. */
function fakeClock() {
  let time = 10_000;
  const slept: number[] = [];
  return {
    now: () => time,
    sleep: async (ms: number) => {
      slept.push(ms);
      time += ms;
    },
    slept,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

describe("createChannelPacer", () => {
  it("spaces the edits of one channel by the interval, whoever asks", async () => {
    const clock = fakeClock();
    const pacer = createChannelPacer({ intervalMs: 1_000, now: clock.now, sleep: clock.sleep });
    const times: number[] = [];
    for (let index = 0; index < 4; index += 1) {
      await pacer.turn("thread-1");
      times.push(clock.now());
    }
    expect(times).toEqual([10_000, 11_000, 12_000, 13_000]);
  });

  it("keeps channels apart, and lets a quiet channel go at once", async () => {
    const clock = fakeClock();
    const pacer = createChannelPacer({ intervalMs: 1_000, now: clock.now, sleep: clock.sleep });
    await pacer.turn("a");
    await pacer.turn("b");
    expect(clock.slept).toEqual([]);
    clock.advance(5_000);
    await pacer.turn("a");
    expect(clock.slept).toEqual([]);
  });

  it("queues concurrent callers of one channel one interval apart", async () => {
    const clock = fakeClock();
    const waits: number[] = [];
    const pacer = createChannelPacer({
      intervalMs: 1_000,
      now: clock.now,
      sleep: async (ms) => void waits.push(ms),
    });
    await Promise.all([pacer.turn("c"), pacer.turn("c"), pacer.turn("c")]);
    expect(waits).toEqual([1_000, 2_000]);
  });
});
