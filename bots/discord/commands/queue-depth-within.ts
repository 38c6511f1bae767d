import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";

/**
 * The queue depth, or undefined when the queue does not answer in time: a BullMQ connection
 * retries forever while Redis is down, and status must still answer.
 */
export async function queueDepthWithin(
  depth: () => Promise<number>,
  timeoutMs: number,
  log: Logger,
): Promise<number | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    return await Promise.race([depth(), timeout]);
  } catch (error) {
    log.warn({ err: errorMessage(error) }, "could not read the question queue depth");
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
