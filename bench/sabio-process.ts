import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const mainPath = fileURLToPath(new URL("../cli/main.ts", import.meta.url));

export interface SabioProcess {
  readonly child: ChildProcess;
  /** The last few kilobytes it wrote (logs), for error messages. */
  tail(): string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves with its exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * Runs `node [nodeArgs…] cli/main.ts <args…>` with exactly `env` (nothing inherited, so a
 * developer's DATABASE_URL or Slack tokens cannot leak in) from `cwd` (a temp dir: no stray .env
 * is read). Its output (pino logs at the given LOG_LEVEL, as in production) is read and dropped.
 */
export function spawnSabio(
  args: string[],
  env: Record<string, string>,
  cwd: string,
  nodeArgs: string[] = [],
): SabioProcess {
  const argv = ["--disable-warning=ExperimentalWarning", ...nodeArgs, mainPath, ...args];
  const child = spawn(process.execPath, argv, {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (data: Buffer) => {
    output = (output + data.toString()).slice(-8_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    tail: () => output,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Resolves once the process has written a line matching `pattern`; rejects if it exits first. */
export function waitForLine(sabio: SabioProcess, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const { child } = sabio;
  return new Promise((resolve, reject) => {
    let seen = "";
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.stdout?.off("data", listener);
      child.stderr?.off("data", listener);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve();
    };
    const listener = (data: Buffer) => {
      seen = (seen + data.toString()).slice(-8_000);
      if (pattern.test(seen)) done();
    };
    const onExit = (code: number | null) =>
      done(new Error(`sabio exited (code ${code}) before ${pattern}:\n${sabio.tail()}`));
    const timer = setTimeout(
      () => done(new Error(`timed out waiting for ${pattern}:\n${sabio.tail()}`)),
      timeoutMs,
    );
    child.stdout?.on("data", listener);
    child.stderr?.on("data", listener);
    child.once("exit", onExit);
  });
}

/** Runs a one-shot command (e.g. ingest) to completion; throws with its output unless it exits 0. */
export async function runSabio(args: string[], env: Record<string, string>, cwd: string): Promise<string> {
  const sabio = spawnSabio(args, env, cwd);
  let stdout = "";
  sabio.child.stdout?.on("data", (data: Buffer) => {
    stdout += data.toString();
  });
  const code = await new Promise<number | null>((resolve) => sabio.child.once("exit", resolve));
  if (code !== 0) throw new Error(`sabio ${args[0]} exited with ${code}:\n${sabio.tail()}`);
  return stdout;
}

/** A port nothing listens on right now (the child binds it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}
