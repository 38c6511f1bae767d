import { randomUUID } from "node:crypto";
import { loadDotEnv, parseEnv } from "../shared/config/load-env.ts";
import { type ModelTimer, startModelTimer } from "./model-timer.ts";
import { type SabioProcess, spawnSabio, waitForLine } from "./sabio-process.ts";
import { redisKeysLeft } from "./stand-in-sabio.ts";

/**
 * The skeleton every platform's end-to-end bench shares: a queue prefix of its own on real Redis,
 * undos run in reverse order whatever happens, one `sabio start` child stopped first, and after
 * cleanup its exit code and the Redis keys the run left behind. The platform supplies the rest.
 */

export type Cleanup = () => Promise<unknown>;

export interface ProcessBenchRun {
  redisUrl: string;
  /** QUEUE_PREFIX of this run: its keys are counted after cleanup. */
  prefix: string;
  /** Undos, run in reverse order once the measuring is over or has failed. */
  cleanups: Cleanup[];
  /** A proxy timing every call to the Ollama at `host` (closed on cleanup). */
  timeModel(host: string): Promise<ModelTimer>;
  /**
   * Spawns `sabio <args…>` (see spawnSabio) and resolves once it says it started; it is stopped
   * before anything else is undone, since it writes to Redis while shutting down.
   */
  startSabio(args: string[], env: Record<string, string>, cwd: string): Promise<SabioProcess>;
}

export interface ProcessBenchCleanup {
  /** The child's exit code after SIGTERM (0: it shut down cleanly). */
  exitCode: number | null;
  /** Keys left under the run's prefix (0: every queue was removed). */
  redisKeysLeft: number;
}

/**
 * Runs `measure` with a fresh run (Redis from `redisUrl`, else REDIS_URL of the environment and
 * .env), undoes everything it set up, and adds how cleanly that went to what it measured.
 */
export async function runProcessBench<Measured>(
  bench: string,
  redisUrl: string | undefined,
  measure: (run: ProcessBenchRun) => Promise<Measured>,
): Promise<Measured & { cleanup: ProcessBenchCleanup }> {
  loadDotEnv();
  const run: ProcessBenchRun = {
    redisUrl: redisUrl ?? parseEnv(process.env).REDIS_URL,
    prefix: `sabio-bench-${randomUUID().slice(0, 8)}`,
    cleanups: [],
    async timeModel(host) {
      const timer = await startModelTimer(host);
      run.cleanups.push(() => timer.close());
      return timer;
    },
    async startSabio(args, env, cwd) {
      const sabio = spawnSabio(args, env, cwd);
      run.cleanups.push(async () => {
        exitCode = await sabio.stop();
      });
      await waitForLine(sabio, /sabio started/);
      return sabio;
    },
  };
  let exitCode: number | null = null;
  let measured: Measured;
  try {
    measured = await measure(run);
  } finally {
    for (const cleanup of run.cleanups.reverse()) {
      await cleanup().catch((error: unknown) =>
        console.error(`${bench} bench: cleanup failed: ${String(error)}`),
      );
    }
  }
  return {
    ...measured,
    cleanup: { exitCode, redisKeysLeft: await redisKeysLeft(run.redisUrl, run.prefix) },
  };
}
