import { type ChildProcess, spawn } from "node:child_process";
import { testRedisUrl } from "./queue-test-kit.ts";

/** Where a `sabio` child process keeps its data and finds the model server and its queues. */
export interface SabioChildSetup {
  dataDir: string;
  ollamaHost: string;
  /** Queue and key prefix of the test run in the shared test Redis. */
  prefix: string;
  /** Node flags before cli/main.ts (e.g. `--import` of a test hook). */
  nodeArgs?: string[];
}

/**
 * Runs `sabio <argv>` (e.g. `start answer`) as a child process from the repository root, with
 * this process's environment, the setup's data dir, Ollama and Redis prefix, LOG_LEVEL=info and a
 * 5 s shutdown timeout; `env` adds or overrides the rest. stdout and stderr are piped.
 */
export function spawnSabio(
  argv: string[],
  setup: SabioChildSetup,
  env: Record<string, string> = {},
): ChildProcess {
  return spawn(
    process.execPath,
    ["--disable-warning=ExperimentalWarning", ...(setup.nodeArgs ?? []), "cli/main.ts", ...argv],
    {
      env: {
        ...process.env,
        DATA_DIR: setup.dataDir,
        OLLAMA_HOST: setup.ollamaHost,
        REDIS_URL: testRedisUrl,
        QUEUE_PREFIX: setup.prefix,
        LOG_LEVEL: "info",
        SHUTDOWN_TIMEOUT_SECONDS: "5",
        // Test processes would all reach for the default 9464; a metrics test sets its own port.
        METRICS_PORT: "0",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}
