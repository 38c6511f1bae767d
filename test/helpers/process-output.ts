import type { ChildProcess } from "node:child_process";

/** Resolves with everything a child printed (stdout and stderr) once it matches `pattern`. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; got:\n${seen}`)),
      timeoutMs,
    );
    const listener = (data: Buffer) => {
      seen += data.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve(seen);
      }
    };
    child.stdout?.on("data", listener);
    child.stderr?.on("data", listener);
  });
}

/**
 * How long a `sabio start` child may take to say "sabio started": Node compiles every module on
 * first load, and on a loaded two-core machine that alone has taken over 30 s.
 */
export const processStartMs = 90_000;

/** Resolves with the child's output once it logged "sabio started". */
export function waitForStart(child: ChildProcess, timeoutMs = processStartMs): Promise<string> {
  return waitForOutput(child, /sabio started/, timeoutMs);
}
