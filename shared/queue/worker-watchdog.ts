import type { Logger } from "../log/logger.ts";

export interface WorkerWatchdogOptions {
  /** Whether the worker is looping and its Redis connections are ready. */
  isHealthy(): Promise<boolean>;
  /** Whether Redis itself answers (if not, a new worker would be just as stuck). */
  isRedisReachable(): Promise<boolean>;
  /** Replaces the worker with a new one. */
  restart(): Promise<void>;
  intervalMs: number;
  /** Consecutive unhealthy checks before acting, so a brief reconnect is left alone. */
  unhealthyChecks?: number;
  logger: Logger;
  queueName: string;
}

/**
 * BullMQ workers have been seen to stop taking jobs after a Redis restart while Redis was fine
 * again (bullmq #2466, #3185; the maintainers' advice is to replace the worker). This checks every
 * `intervalMs` and restarts the worker when it has been unhealthy for a while although Redis
 * answers. Returns a function that stops the checks.
 */
export function startWorkerWatchdog(options: WorkerWatchdogOptions): () => void {
  const threshold = options.unhealthyChecks ?? 2;
  let streak = 0;
  let checking = false;
  let stopped = false;

  async function check(): Promise<void> {
    if (checking || stopped) return;
    checking = true;
    try {
      if (await options.isHealthy()) {
        streak = 0;
        return;
      }
      streak += 1;
      if (streak < threshold || stopped) return;
      if (!(await options.isRedisReachable())) {
        options.logger.debug({ queue: options.queueName }, "worker idle while redis is unreachable");
        return;
      }
      options.logger.warn(
        { queue: options.queueName, checks: streak },
        "worker stuck although redis answers: restarting it",
      );
      streak = 0;
      if (!stopped) await options.restart();
    } catch (error) {
      options.logger.error(
        { queue: options.queueName, error: String(error) },
        "worker watchdog check failed",
      );
    } finally {
      checking = false;
    }
  }

  const timer = setInterval(() => void check(), options.intervalMs);
  // The watchdog alone must not keep the process alive.
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
