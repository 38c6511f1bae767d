import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { captureLogger } from "#test/helpers/queue-test-kit.ts";
import { onFatalError } from "./on-fatal-error.ts";

function setup() {
  const source = new EventEmitter();
  const { logger, lines } = captureLogger();
  const exits: number[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  const handle = onFatalError({
    process: source,
    logger,
    exit: (code) => exits.push(code),
    graceMs: 12_000,
    setTimer: (run, ms) => timers.push({ run, ms }),
  });
  return { source, lines, exits, timers, handle };
}

describe("onFatalError", () => {
  it("logs an uncaught exception without its secrets and exits 1 when no shutdown is wired yet", () => {
    const { source, lines, exits } = setup();
    source.emit(
      "uncaughtException",
      new Error("call failed for xoxb-1234-5678-abcdef with Bearer sk-live-1 at redis://:hunter2@db:6379"),
    );
    expect(exits).toEqual([1]);
    const line = lines.find((entry) => entry.kind === "uncaughtException");
    expect(line?.msg).toMatch(/fatal error/);
    const text = JSON.stringify(line);
    expect(text).toContain("call failed");
    for (const secret of ["xoxb-1234", "sk-live-1", "hunter2"]) expect(text).not.toContain(secret);
  });

  it("runs the graceful shutdown on an unhandled rejection; the exit code is never 0 afterwards", async () => {
    const { source, lines, exits, timers, handle } = setup();
    const reasons: string[] = [];
    handle.useShutdown(async (reason) => {
      reasons.push(reason);
    });
    expect(handle.exitCode(0)).toBe(0);

    source.emit("unhandledRejection", "a plain string reason");
    expect(reasons).toEqual(["unhandledRejection"]);
    expect(exits).toEqual([]);
    expect(handle.exitCode(0)).toBe(1);
    expect(handle.exitCode(2)).toBe(2);
    expect(lines.find((entry) => entry.kind === "unhandledRejection")?.error).toMatchObject({
      message: "a plain string reason",
    });

    // A second failure while closing is logged but starts no second shutdown.
    source.emit("uncaughtException", new Error("again"));
    expect(reasons).toHaveLength(1);
    expect(lines.filter((entry) => entry.msg.startsWith("fatal error"))).toHaveLength(2);

    // A shutdown that never finishes still ends the process, with 1.
    expect(timers.map((timer) => timer.ms)).toEqual([12_000]);
    timers[0]?.run();
    expect(exits).toEqual([1]);
  });

  it("exits 1 when the shutdown itself fails", async () => {
    const { source, exits, handle } = setup();
    const failing = Promise.withResolvers<void>();
    handle.useShutdown(() => failing.promise);
    source.emit("uncaughtException", new Error("boom"));
    failing.reject(new Error("closer broke"));
    await expect.poll(() => exits).toEqual([1]);
  });

  it("stops listening once disposed", () => {
    const { source, handle } = setup();
    handle.dispose();
    expect(source.listenerCount("uncaughtException")).toBe(0);
    expect(source.listenerCount("unhandledRejection")).toBe(0);
  });
});
