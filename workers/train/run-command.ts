import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface CommandOutcome {
  /** Null when it was killed or never started. */
  exitCode: number | null;
  timedOut: boolean;
  /** Set when the executable could not be started (not found, not executable). */
  startError: string | undefined;
}

export interface RunCommandOptions {
  timeoutMs: number;
  /** Each line of stdout and stderr, as it comes. */
  onLine(line: string): void;
  env?: NodeJS.ProcessEnv;
  /** How long a stopped command gets between SIGTERM and SIGKILL. */
  killGraceMs?: number;
}

/**
 * Runs an executable without a shell (arguments are never re-parsed) in a process group of its own,
 * so a timeout stops everything it started: trainers fork data loaders and compilers that would
 * otherwise keep the GPU after the parent is gone.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunCommandOptions,
): Promise<CommandOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: options.env ?? process.env,
    });
    let timedOut = false;
    let startError: string | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const stopGroup = (signal: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // The group is gone already.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stopGroup("SIGTERM");
      killTimer = setTimeout(() => stopGroup("SIGKILL"), options.killGraceMs ?? 5_000);
    }, options.timeoutMs);
    // If this process ends first, its trainer must not live on.
    const onExit = () => stopGroup("SIGKILL");
    process.once("exit", onExit);

    const streams = [child.stdout, child.stderr].map((stream) => {
      const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
      lines.on("line", (line) => options.onLine(line));
      return new Promise<void>((done) => lines.once("close", () => done()));
    });

    child.once("error", (error) => {
      startError = error.message;
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      process.removeListener("exit", onExit);
      void Promise.all(streams).then(() => {
        // Children of a stopped trainer may still hold the group: end them too.
        if (timedOut) stopGroup("SIGKILL");
        clearTimeout(killTimer);
        resolve({ exitCode: startError === undefined ? code : null, timedOut, startError });
      });
    });
  });
}
